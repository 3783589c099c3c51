// superagent's .retry(): it retries ECONNRESET.
import http from 'node:http';
import request from 'superagent';
import { sendThree } from './send-three.mjs';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });

export const run = (url) => sendThree(url, async (target) => (await request.get(target).agent(agent).retry(2)).status, () => agent.destroy());
