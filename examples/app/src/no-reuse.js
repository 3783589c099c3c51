// Not reported: `agent: false` opens a fresh connection for every request.
import http from 'node:http';

export function ping(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => resolve(res.statusCode)).on('error', reject);
  });
}
