// axios through a keep-alive agent, nothing retries: the second request reuses the socket the server closes.
import http from 'node:http';
import axios from 'axios';
import { sendThree } from './send-three.mjs';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });
const api = axios.create({ httpAgent: agent });

export const run = (url) => sendThree(url, async (target) => (await api.get(target)).status, () => agent.destroy());
