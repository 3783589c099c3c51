// expect: guarded -- getJson wraps the error as new Error(msg, { cause: err }); the only caller checks err.cause?.code === 'ECONNRESET' and retries (3 tries)
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT ?? 3000);

function getJson(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
      let t = '';
      res.on('data', (c) => { t += c; });
      res.on('end', () => resolve(JSON.parse(t)));
    });
    req.on('error', (err) => reject(new Error(`GET ${path} failed`, { cause: err })));
  });
}

async function getJsonWithRetry(path) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getJson(path);
    } catch (err) {
      if (err.cause?.code === 'ECONNRESET' && attempt < 3) continue;
      throw err;
    }
  }
}

async function main() {
  for (const path of ['/k/1', '/k/2']) {
    try {
      await getJsonWithRetry(path);
      console.log('ok');
    } catch (err) {
      console.log(err.cause?.code ?? err.message);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
