// node-fetch with a keep-alive agent: it never retries.
import http from 'node:http';
import fetch from 'node-fetch';
import { sendThree } from './send-three.mjs';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });

export const run = (url) => sendThree(url, async (target) => readStatus(await fetch(target, { agent })), () => agent.destroy());

/** Reads the body to its end, so that the connection goes back to the pool. */
async function readStatus(response) {
  await response.arrayBuffer();
  return response.status;
}
