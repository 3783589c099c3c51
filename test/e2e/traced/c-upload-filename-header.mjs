// Upload client that sends each file as a JSON envelope numbered by a running
// sequence, with the original file name in an `x-file-name` header:
//   const req = http.request(url, { headers: { 'x-file-name': name } }, cb); req.end(envelope(...))
// A name that is not a valid header value makes http.request throw; the file is skipped.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;
let sequence = 0;

function envelope(name, text) {
  sequence += 1;
  return JSON.stringify({ seq: sequence, name, size: text.length, text });
}

function upload(name, text) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/uploads/${encodeURIComponent(name)}`,
      {
        method: 'PUT',
        agent,
        headers: { 'content-type': 'application/json', 'x-file-name': name },
      },
      (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (raw += chunk));
        res.on('end', () => resolve({ status: res.statusCode, bytes: JSON.parse(raw).bytes }));
      },
    );
    req.on('error', reject);
    req.end(envelope(name, text));
  });
}

const files = [
  ['notes.txt', 'first draft'],
  ['report-2024.csv', 'a,b,c\n1,2,3'],
  ['budget \u20ac.xlsx', 'binary-ish'],
  ['readme.md', '# hello'],
  ['todo.txt', 'ship it'],
];

for (const [name, text] of files) {
  try {
    const { status, bytes } = await upload(name, text);
    console.log(`${name}: ${status}, ${bytes} bytes stored`);
  } catch (err) {
    console.log(`${encodeURIComponent(name)}: skipped (${err.code})`);
  }
}
console.log(`envelopes built: ${sequence}`);
agent.destroy();
