// expect: guarded -- fetchJson awaits a new Promise rejected with Object.assign(err, {url}) (same error object, code kept); only caller fetchJsonRetrying retries ECONNRESET up to 3 times
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT ?? 3000);

async function fetchJson(path) {
  const body = await new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve(text));
    });
    req.on('error', (err) => reject(Object.assign(err, { url: `http://127.0.0.1:${PORT}${path}` })));
  });
  return JSON.parse(body);
}

async function fetchJsonRetrying(path) {
  let lastErr;
  for (let i = 0; i < 3; i++) {
    try {
      return await fetchJson(path);
    } catch (err) {
      lastErr = err;
      if (err.code === 'ECONNRESET') continue;
      throw err;
    }
  }
  throw lastErr;
}

async function main() {
  for (const path of ['/orders/1', '/orders/2']) {
    try {
      await fetchJsonRetrying(path);
      console.log('ok');
    } catch (err) {
      console.log(err.code ?? err.message);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
