// expect: borderline -- the only caller resends the request on ECONNRESET (bounded), but it is a non-idempotent POST, so "resend" is not the safe fix here
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT ?? 3000);

function createOrder(order) {
  const payload = JSON.stringify(order);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        path: '/orders',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let t = '';
        res.on('data', (c) => { t += c; });
        res.on('end', () => resolve(t));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function submitOrder(order) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createOrder(order);
    } catch (err) {
      if (err.code !== 'ECONNRESET' || attempt >= 3) throw err;
    }
  }
}

async function main() {
  for (const sku of ['A-1', 'B-2']) {
    try {
      await submitOrder({ sku, qty: 1 });
      console.log('ok');
    } catch (err) {
      console.log(err.code);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
