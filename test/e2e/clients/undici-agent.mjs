// undici's fetch with an explicit Agent: it pools keep-alive connections and does not retry this.
import { Agent, fetch } from 'undici';
import { sendThree } from './send-three.mjs';

const dispatcher = new Agent({ keepAliveTimeout: 4000 });

export const run = (url) => sendThree(url, async (target) => readStatus(await fetch(target, { dispatcher })), () => dispatcher.close());

/** Reads the body to its end, so that the connection goes back to the pool. */
async function readStatus(response) {
  await response.arrayBuffer();
  return response.status;
}
