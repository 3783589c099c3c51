// expect: exposed -- tryFetch does fetchText(path).catch(() => null), so the retrying caller above it never sees the ECONNRESET and nothing resends
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT ?? 3000);

function fetchText(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
      let t = '';
      res.on('data', (c) => { t += c; });
      res.on('end', () => resolve(t));
    });
    req.on('error', reject);
  });
}

// optional resources: a failure just means "no data"
function tryFetch(path) {
  return fetchText(path).catch(() => null);
}

async function fetchWithRetry(path) {
  for (let i = 0; i < 3; i++) {
    try {
      return await tryFetch(path);
    } catch (err) {
      if (err.code === 'ECONNRESET') continue;
      throw err;
    }
  }
  return null;
}

async function main() {
  for (const path of ['/banner', '/motd']) {
    try {
      const text = await fetchWithRetry(path);
      console.log(text === null ? 'null' : 'ok');
    } catch (err) {
      console.log(err.code ?? err.message);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
