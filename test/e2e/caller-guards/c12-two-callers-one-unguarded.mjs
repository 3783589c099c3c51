// expect: exposed -- fetchText has two same-file callers: fetchWithRetry resends on ECONNRESET but ping() just reports the failure
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const BASE = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

function fetchText(path) {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, BASE), (res) => {
        let t = '';
        res.setEncoding('utf8');
        res.on('data', (c) => { t += c; });
        res.on('end', () => resolve(t));
      })
      .on('error', reject);
  });
}

async function fetchWithRetry(path) {
  for (let i = 0; ; i++) {
    try {
      return await fetchText(path);
    } catch (err) {
      if (err.code !== 'ECONNRESET' || i >= 2) throw err;
    }
  }
}

async function ping() {
  try {
    await fetchText('/healthz');
    return true;
  } catch (err) {
    console.error('health check failed:', err.code);
    return err;
  }
}

async function main() {
  try {
    await fetchWithRetry('/data');
    console.log('ok');
  } catch (err) {
    console.log(err.code);
  }
  await sleep(20);
  const health = await ping();
  console.log(health === true ? 'ok' : health.code);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
