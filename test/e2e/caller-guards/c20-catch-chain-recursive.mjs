// expect: guarded -- fetchText's only caller fetchWithRetry is a .catch chain that calls itself on ECONNRESET while left > 0
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const BASE = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

function fetchText(path) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${BASE}${path}`, (res) => {
      let t = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { t += c; });
      res.on('end', () => resolve(t));
    });
    req.on('error', reject);
  });
}

function fetchWithRetry(path, left = 2) {
  return fetchText(path).catch((err) => {
    if (err.code === 'ECONNRESET' && left > 0) {
      return fetchWithRetry(path, left - 1);
    }
    throw err;
  });
}

async function main() {
  for (const path of ['/c/1', '/c/2']) {
    await fetchWithRetry(path)
      .then(() => console.log('ok'))
      .catch((err) => console.log(err.code ?? err.message));
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
