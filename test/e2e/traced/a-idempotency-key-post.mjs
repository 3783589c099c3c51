// Payment client that stamps every POST with a fresh key before sending:
//   req.setHeader('Idempotency-Key', randomUUID())
// Probes kind 4 (a random header generated next to the request) and kind 3 (a key counter).
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;
let keysIssued = 0;

function charge(n, amount) {
  return new Promise((resolve) => {
    const body = JSON.stringify({ amount, currency: 'EUR', customer: `cus_${n}` });
    const req = http.request(`${base}/charges/${n}`, { method: 'POST', agent }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ ok: true, status: res.statusCode, bytes: JSON.parse(text).bytes }));
    });
    req.setHeader('Content-Type', 'application/json');
    req.setHeader('Content-Length', Buffer.byteLength(body));
    req.setHeader('Idempotency-Key', randomUUID());
    keysIssued += 1;
    req.on('error', (err) => resolve({ ok: false, code: err.code }));
    req.end(body);
  });
}

let succeeded = 0;
for (const [n, amount] of [[1, 1999], [2, 500], [3, 12000], [4, 75]]) {
  const result = await charge(n, amount);
  if (result.ok) {
    succeeded += 1;
    console.log(`charge ${n}: ${result.status} (${result.bytes} bytes sent)`);
  } else {
    console.log(`charge ${n}: failed ${result.code}`);
  }
}
console.log(`succeeded=${succeeded} keysIssued=${keysIssued}`);
agent.destroy();
