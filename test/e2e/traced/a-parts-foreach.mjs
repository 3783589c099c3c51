// Multipart-ish body assembled from an array of parts with forEach, chunked:
//   parts.forEach((p) => req.write(p)); req.end()
// Probes kind 2 (body written by an iteration callback) and kind 4 (a counter bumped per part).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;
let partsWritten = 0;

function post(form, fields) {
  const boundary = `----form${form}`;
  const parts = fields.map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(`--${boundary}--\r\n`);
  return new Promise((resolve) => {
    const req = http.request(`${base}/forms/${form}`, {
      method: 'POST',
      agent,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      const bufs = [];
      res.on('data', (b) => bufs.push(b));
      res.on('end', () => resolve(`form ${form}: ${res.statusCode} (${JSON.parse(Buffer.concat(bufs)).bytes} bytes)`));
    });
    req.on('error', (err) => resolve(`form ${form}: ${err.code}`));
    parts.forEach((p) => {
      req.write(p);
      partsWritten += 1;
    });
    req.end();
  });
}

const forms = [
  ['signup', [['email', 'a@example.test'], ['plan', 'free']]],
  ['profile', [['name', 'Ada'], ['city', 'London'], ['lang', 'en']]],
  ['feedback', [['score', '5'], ['text', 'great '.repeat(40)]]],
  ['logout', [['all', 'true']]],
];
for (const [form, fields] of forms) {
  console.log(await post(form, fields));
}
console.log(`parts written: ${partsWritten}`);
agent.destroy();
