// superagent on its default agent: Node's global agent, keep-alive since Node 19. No .retry().
import http from 'node:http';
import request from 'superagent';
import { sendThree } from './send-three.mjs';

export const run = (url) => sendThree(url, async (target) => (await request.get(target)).status, () => http.globalAgent.destroy());
