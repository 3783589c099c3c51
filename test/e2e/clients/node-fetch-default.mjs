// node-fetch 3 without an agent: Node's global agent (node-fetch 2 sent `Connection: close` then; 3 does not).
import http from 'node:http';
import fetch from 'node-fetch';
import { sendThree } from './send-three.mjs';

export const run = (url) =>
  sendThree(url, async (target) => {
    const response = await fetch(target);
    await response.arrayBuffer();
    return response.status;
  }, () => http.globalAgent.destroy());
