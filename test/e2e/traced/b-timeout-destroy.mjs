// Per-request deadline with req.setTimeout(ms, () => req.destroy(new Error('timeout'))),
// including one upload whose second half is written late so its deadline fires.
// Probes a user timeout callback and a user-made error on a reused socket.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let timeoutCallbacks = 0;
let lateWritesSkipped = 0;

function upload(path, parts, { deadlineMs, gapMs }) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${process.env.TARGET_URL}${path}`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.setTimeout(deadlineMs, () => {
      timeoutCallbacks += 1;
      console.log(`deadline hit for ${path}`);
      req.destroy(new Error('timeout'));
    });
    req.on('error', reject);
    if (gapMs === 0) {
      req.end(parts.join(''));
      return;
    }
    req.write(parts[0]);
    setTimeout(() => {
      if (req.destroyed) {
        lateWritesSkipped += 1;
        return;
      }
      for (const part of parts.slice(1)) req.write(part);
      req.end();
    }, gapMs);
  });
}

const jobs = [
  ['/uploads/a', ['alpha-1;', 'alpha-2;'], { deadlineMs: 2000, gapMs: 0 }],
  ['/uploads/b', ['beta-1;', 'beta-2;'], { deadlineMs: 2000, gapMs: 0 }],
  ['/uploads/slow', ['slow-1;', 'slow-2;'], { deadlineMs: 100, gapMs: 400 }],
  ['/uploads/c', ['gamma-1;', 'gamma-2;'], { deadlineMs: 2000, gapMs: 0 }],
  ['/uploads/d', ['delta-1;', 'delta-2;'], { deadlineMs: 2000, gapMs: 0 }],
];
for (const [path, parts, timing] of jobs) {
  try {
    const status = await upload(path, parts, timing);
    console.log(`${path}: ${status}`);
  } catch (err) {
    console.log(`${path}: failed code=${err.code ?? 'none'} message=${err.message}`);
  }
}
await new Promise((resolve) => setTimeout(resolve, 450));
agent.destroy();
console.log(`timeoutCallbacks=${timeoutCallbacks} lateWritesSkipped=${lateWritesSkipped}`);
