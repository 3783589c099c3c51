// Hand-rolled concurrency limiter: take a slot, fire the request, give the slot
// back on the request's 'close' event: req.on('close', release)
// Probes kind 4 (a limiter released from a 'close' listener) with some concurrency.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
const base = process.env.TARGET_URL;

function createLimiter(max) {
  let active = 0;
  let peak = 0;
  const waiting = [];
  const stats = { acquired: 0, released: 0 };
  return {
    stats,
    get active() {
      return active;
    },
    get peak() {
      return peak;
    },
    acquire() {
      return new Promise((resolve) => {
        const grant = () => {
          active += 1;
          peak = Math.max(peak, active);
          stats.acquired += 1;
          resolve(() => {
            active -= 1;
            stats.released += 1;
            const nextInLine = waiting.shift();
            if (nextInLine) nextInLine();
          });
        };
        if (active < max) grant();
        else waiting.push(grant);
      });
    },
  };
}

const limiter = createLimiter(2);

async function fetchThumb(id) {
  const release = await limiter.acquire();
  return new Promise((resolve) => {
    const req = http.get(`${base}/thumbs/${id}.png`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(`thumb ${id}: ${res.statusCode}`));
    });
    req.on('close', release);
    req.on('error', (err) => resolve(`thumb ${id}: ${err.code}`));
  });
}

const ids = [101, 102, 103, 104, 105, 106, 107, 108];
const lines = await Promise.all(ids.map((id) => fetchThumb(id)));
for (const line of lines) console.log(line);
// Let the last 'close' events land before reading the counters.
await new Promise((r) => setTimeout(r, 50));
console.log(`acquired=${limiter.stats.acquired} released=${limiter.stats.released} active=${limiter.active} peak=${limiter.peak}`);
agent.destroy();
