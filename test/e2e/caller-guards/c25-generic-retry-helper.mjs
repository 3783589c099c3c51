// expect: guarded -- fetchText is only called as withRetry(() => fetchText(p)); the generic withRetry helper re-invokes fn on ECONNRESET (3 attempts)
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT ?? 3000);

async function withRetry(fn, { attempts = 3 } = {}) {
  let lastErr;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastErr = err;
      if (err.code !== 'ECONNRESET') throw err;
    }
  }
  throw lastErr;
}

function fetchText(path) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
      let t = '';
      res.on('data', (c) => { t += c; });
      res.on('end', () => resolve(t));
    });
    req.on('error', reject);
    req.end();
  });
}

async function main() {
  for (const p of ['/g/1', '/g/2']) {
    try {
      await withRetry(() => fetchText(p));
      console.log('ok');
    } catch (err) {
      console.log(err.code);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
