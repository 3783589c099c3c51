// expect: guarded -- fetchText is a const arrow returning new Promise; its only caller uses .then(null, onRejected) and re-calls attempt(n + 1) on ECONNRESET while n < 3
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const PORT = Number(process.env.PORT ?? 3000);

const fetchText = (path) =>
  new Promise((resolve, reject) => {
    http
      .get({ hostname: '127.0.0.1', port: PORT, path }, (res) => {
        let t = '';
        res.on('data', (c) => { t += c; });
        res.on('end', () => resolve(t));
      })
      .on('error', reject);
  });

const fetchResilient = (path) => {
  const attempt = (n) =>
    fetchText(path).then(null, (err) =>
      err.code === 'ECONNRESET' && n < 3 ? attempt(n + 1) : Promise.reject(err),
    );
  return attempt(1);
};

async function main() {
  for (const path of ['/t/1', '/t/2']) {
    try {
      await fetchResilient(path);
      console.log('ok');
    } catch (err) {
      console.log(err.code);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
