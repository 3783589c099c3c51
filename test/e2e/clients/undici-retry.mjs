// undici's fetch with the Agent wrapped in RetryAgent.
import { Agent, RetryAgent, fetch } from 'undici';
import { sendThree } from './send-three.mjs';

const pool = new Agent({ keepAliveTimeout: 4000 });
const dispatcher = new RetryAgent(pool, { maxRetries: 2, minTimeout: 10, timeoutFactor: 1 });

export const run = (url) => sendThree(url, async (target) => readStatus(await fetch(target, { dispatcher })), () => pool.close());

/** Reads the body to its end, so that the connection goes back to the pool. */
async function readStatus(response) {
  await response.arrayBuffer();
  return response.status;
}
