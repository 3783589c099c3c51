// expect: exposed -- fetchText is handed out through `export default { fetchText, fetchTextWithRetry }`, so importers can call it without the retry wrapper
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });

function fetchText(port, path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let t = '';
      res.on('data', (c) => { t += c; });
      res.on('end', () => resolve(t));
    });
    req.on('error', reject);
  });
}

async function fetchTextWithRetry(port, path) {
  for (let i = 1; ; i++) {
    try {
      return await fetchText(port, path);
    } catch (err) {
      if (err.code !== 'ECONNRESET' || i === 3) throw err;
    }
  }
}

export default { fetchText, fetchTextWithRetry };

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  for (const path of ['/e/1', '/e/2']) {
    try {
      await fetchTextWithRetry(port, path);
      console.log('ok');
    } catch (err) {
      console.log(err.code);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
