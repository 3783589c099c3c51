// expect: exposed -- rejection is Object.assign(new Error(...), {cause, status}) so .code is undefined; the caller's err.code === 'ECONNRESET' retry never fires
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT ?? 3000);

function fetchJson(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', (err) => {
      reject(Object.assign(new Error(`upstream request ${path} failed`), { cause: err, status: 502 }));
    });
  });
}

async function fetchJsonRetrying(path) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchJson(path);
    } catch (err) {
      if (err.code !== 'ECONNRESET' || attempt === 3) throw err;
    }
  }
}

async function main() {
  for (const path of ['/orders/1', '/orders/2']) {
    try {
      await fetchJsonRetrying(path);
      console.log('ok');
    } catch (err) {
      console.log(err.code ?? `no-code(${err.cause?.code})`);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
