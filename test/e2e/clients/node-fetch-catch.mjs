// node-fetch, sent again when it fails with ECONNRESET (a GET, at most twice more).
import http from 'node:http';
import fetch from 'node-fetch';
import { sendThree } from './send-three.mjs';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });

const load = (target, attempt = 0) =>
  fetch(target, { agent }).catch((error) => {
    if (error.code === 'ECONNRESET' && attempt < 2) return load(target, attempt + 1);
    throw error;
  });

export const run = (url) => sendThree(url, async (target) => readStatus(await load(target)), () => agent.destroy());

/** Reads the body to its end, so that the connection goes back to the pool. */
async function readStatus(response) {
  await response.arrayBuffer();
  return response.status;
}
