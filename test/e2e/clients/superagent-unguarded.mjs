// superagent with a keep-alive agent and no .retry().
import http from 'node:http';
import request from 'superagent';
import { sendThree } from './send-three.mjs';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });

export const run = (url) => sendThree(url, async (target) => (await request.get(target).agent(agent)).status, () => agent.destroy());
