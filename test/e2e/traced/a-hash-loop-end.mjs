// Signed upload: stream records into the request while hashing them, then send
// the digest as the final line: for (...) { req.write(r); hash.update(r) } req.end(hash.digest('hex'))
// Probes kind 2 (body depends on the order of a loop and a one-shot digest).
import http from 'node:http';
import { createHash } from 'node:crypto';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;

function sendSigned(name, records) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/ledger/${name}`, { method: 'POST', agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, bytes: JSON.parse(text).bytes }));
    });
    req.on('error', reject);
    const hash = createHash('sha256');
    for (const record of records) {
      const line = `${record.id},${record.amount}\n`;
      req.write(line);
      hash.update(line);
    }
    const digest = hash.digest('hex');
    console.log(`${name}: ${records.length} records, digest ${digest.slice(0, 12)}`);
    req.end(digest);
  });
}

const ledgers = ['jan', 'feb', 'mar', 'apr'];
for (const [i, name] of ledgers.entries()) {
  const records = Array.from({ length: 3 + i }, (_, k) => ({ id: `${name}-${k}`, amount: (k + 1) * 10 + i }));
  try {
    const { status, bytes } = await sendSigned(name, records);
    console.log(`${name}: ${status}, ${bytes} bytes`);
  } catch (err) {
    console.log(`${name}: failed ${err.code}`);
  }
}
agent.destroy();
