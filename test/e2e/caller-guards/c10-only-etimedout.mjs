// expect: exposed -- the only caller retries only when err.code === 'ETIMEDOUT'; an ECONNRESET on a reused socket is rethrown
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT ?? 3000);

function request(path, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy(Object.assign(new Error(`timeout after ${timeoutMs}ms`), { code: 'ETIMEDOUT' }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function requestWithTimeoutRetry(path) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await request(path);
    } catch (err) {
      if (err.code === 'ETIMEDOUT' && attempt < 3) continue;
      throw err;
    }
  }
}

async function main() {
  for (const path of ['/slow/1', '/slow/2']) {
    try {
      await requestWithTimeoutRetry(path);
      console.log('ok');
    } catch (err) {
      console.log(err.code ?? err.message);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
