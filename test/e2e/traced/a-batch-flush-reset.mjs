// Metrics batcher that posts its buffer and empties it right away:
//   req.end(JSON.stringify(buffer)); buffer.length = 0;
// Probes kind 3 (the array that was serialised is cleared after the send).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;
const buffer = [];
let flushes = 0;

function flush() {
  flushes += 1;
  const batch = flushes;
  return new Promise((resolve) => {
    const req = http.request(`${base}/metrics/flush-${batch}`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json' },
    }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        console.log(`flush ${batch}: ${res.statusCode}, ${JSON.parse(text).bytes} bytes`);
        resolve();
      });
    });
    req.on('error', (err) => {
      console.log(`flush ${batch}: ${err.code}`);
      resolve();
    });
    req.end(JSON.stringify(buffer));
    buffer.length = 0;
  });
}

for (let tick = 1; tick <= 14; tick += 1) {
  buffer.push({ name: tick % 2 ? 'cpu' : 'mem', value: tick * 3, tick });
  if (buffer.length === 4) await flush();
}
if (buffer.length) await flush();
console.log(`flushes: ${flushes}, left in buffer: ${buffer.length}`);
agent.destroy();
