// axios-retry with its default condition: network errors (ECONNRESET among them) on idempotent requests.
import http from 'node:http';
import axios from 'axios';
import axiosRetry from 'axios-retry';
import { sendThree } from './send-three.mjs';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });
const api = axios.create({ httpAgent: agent });
axiosRetry(api, { retries: 2 });

export const run = (url) => sendThree(url, async (target) => (await api.get(target)).status, () => agent.destroy());
