// expect: guarded -- getText (global keep-alive agent) rejects with the raw error; its only caller getTextWithRetry loops and retries when err.code === 'ECONNRESET' (max 3 tries)
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const BASE = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

function getText(path) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${BASE}${path}`, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function getTextWithRetry(path, maxAttempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getText(path);
    } catch (err) {
      if (err.code !== 'ECONNRESET' || attempt >= maxAttempts) throw err;
    }
  }
}

async function main() {
  for (const path of ['/a', '/b']) {
    try {
      await getTextWithRetry(path);
      console.log('ok');
    } catch (err) {
      console.log(err.code ?? err.message);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
