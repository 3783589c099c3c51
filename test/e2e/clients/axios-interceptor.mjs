// A response interceptor that retries exactly the reused-socket race. With axios' default redirect handling
// the error's request is follow-redirects' wrapper: the socket's request is its `_currentRequest`.
import http from 'node:http';
import axios from 'axios';
import { sendThree } from './send-three.mjs';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });
const api = axios.create({ httpAgent: agent });
export const reusedSocketsSeen = [];

api.interceptors.response.use(undefined, (error) => {
  const request = error.request?._currentRequest ?? error.request;
  reusedSocketsSeen.push({ onWrapper: error.request?.reusedSocket, onCurrentRequest: error.request?._currentRequest?.reusedSocket });
  const retries = error.config?.reusedSocketRetries ?? 0;
  if (request?.reusedSocket && error.code === 'ECONNRESET' && !error.response && retries < 2) {
    return api.request({ ...error.config, reusedSocketRetries: retries + 1 });
  }
  throw error;
});

export const run = (url) => sendThree(url, async (target) => (await api.get(target)).status, () => agent.destroy());
