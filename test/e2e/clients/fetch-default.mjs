// Node's global fetch on undici's default global dispatcher, which keeps connections alive.
import { sendThree } from './send-three.mjs';

export const run = (url) =>
  sendThree(url, async (target) => {
    const response = await fetch(target);
    await response.arrayBuffer();
    return response.status;
  }, () => undefined);
