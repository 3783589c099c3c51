// got with its default retry: ECONNRESET is retried for GET.
import http from 'node:http';
import got from 'got';
import { sendThree } from './send-three.mjs';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });

export const run = (url) => sendThree(url, async (target) => (await got(target, { agent: { http: agent } })).statusCode, () => agent.destroy());
