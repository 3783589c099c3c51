// expect: exposed -- getAsync = promisify(get) is exported, so importers can call it with no retry, even though the in-file caller getWithRetry is guarded
import http from 'node:http';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });

function get(url, cb) {
  const req = http.get(url, { agent }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks).toString()));
  });
  req.on('error', cb);
}

export const getAsync = promisify(get);

export async function getWithRetry(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getAsync(url);
    } catch (err) {
      if (err.code !== 'ECONNRESET' || attempt >= 3) throw err;
    }
  }
}

async function main() {
  const base = `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  for (const path of ['/q/1', '/q/2']) {
    try {
      await getWithRetry(base + path);
      console.log('ok');
    } catch (err) {
      console.log(err.code);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
