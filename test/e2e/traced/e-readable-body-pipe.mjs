// A small storage client: upload(opts, source) pipes a caller-supplied Readable
// into the request; stat(opts) is a plain GET. Uploads are PUTs (idempotent),
// one of them even carries an Idempotency-Key, and each one follows a GET on
// the same keep-alive socket so that it goes out on a reused connection:
//   const req = http.request(opts, onResponse); source.pipe(req);
// Sources: Readable.from(chunks), a PassThrough the caller writes to after the
// call returned, and a hand-written Readable that counts its _read() calls.
// Probes: a streamed body cannot be sent twice. A retry that re-sends it sends
// an empty or partial body (bytes= changes) or never ends (the program hangs).
import http from 'node:http';
import { PassThrough, Readable } from 'node:stream';

const target = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function readJson(res, resolve, reject) {
  let raw = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => (raw += chunk));
  res.on('error', reject);
  res.on('end', () => resolve({ status: res.statusCode, ...JSON.parse(raw) }));
}

function stat(opts) {
  return new Promise((resolve, reject) => {
    const req = http.request(opts, (res) => readJson(res, resolve, reject));
    req.on('error', reject);
    req.end();
  });
}

function upload(opts, source) {
  return new Promise((resolve, reject) => {
    const req = http.request(opts, (res) => readJson(res, resolve, reject));
    req.on('error', reject);
    source.pipe(req);
  });
}

const base = { hostname: target.hostname, port: target.port, agent };

class CountingSource extends Readable {
  constructor(parts) {
    super();
    this.parts = [...parts];
    this.reads = 0;
  }
  _read() {
    this.reads += 1;
    this.push(this.parts.length ? this.parts.shift() : null);
  }
}

async function step(label, promise) {
  try {
    const r = await promise;
    console.log(`${label}: ${r.status} ${r.path} bytes=${r.bytes}`);
  } catch (err) {
    console.log(`${label}: error ${err.code}`);
  }
}

async function main() {
  await step('stat 1', stat({ ...base, path: '/files/one.txt' }));
  await step(
    'upload one.txt',
    upload(
      { ...base, method: 'PUT', path: '/files/one.txt', headers: { 'content-type': 'text/plain' } },
      Readable.from(['alpha\n', 'beta\n', 'gamma\n']),
    ),
  );

  await step('stat 2', stat({ ...base, path: '/files/two.txt' }));
  const live = new PassThrough();
  const pending = upload(
    { ...base, method: 'PUT', path: '/files/two.txt', headers: { 'content-type': 'text/plain', 'Idempotency-Key': 'two-v1' } },
    live,
  );
  live.write('first line written after the call\n');
  setImmediate(() => live.end('last line\n'));
  await step('upload two.txt', pending);

  await step('stat 3', stat({ ...base, path: '/files/three.bin' }));
  const counting = new CountingSource(['x'.repeat(100), 'y'.repeat(200), 'z'.repeat(300)]);
  await step(
    'upload three.bin',
    upload(
      {
        ...base,
        method: 'PUT',
        path: '/files/three.bin',
        headers: { 'content-type': 'application/octet-stream', 'content-length': 600 },
      },
      counting,
    ),
  );
  console.log(`three.bin source: reads=${counting.reads} ended=${counting.readableEnded}`);

  await step('stat 4', stat({ ...base, path: '/files' }));
  agent.destroy();
}

main();
