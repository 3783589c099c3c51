// axios on its default agent: Node's global agent, keep-alive since Node 19. Nothing retries.
import http from 'node:http';
import axios from 'axios';
import { sendThree } from './send-three.mjs';

export const run = (url) => sendThree(url, async (target) => (await axios.get(target)).status, () => http.globalAgent.destroy());
