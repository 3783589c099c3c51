// A status probe with a "slow" warning: probe(options) starts a timer next to the request and clears
// it in the response callback; the caller's options come in as a parameter. The timer must be started
// once per probe, and the warning must never fire for a fast answer.
import http from 'node:http';

const target = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true });
let timersStarted = 0;

function probe(options) {
  return new Promise((resolve) => {
    const req = http.get(options, (res) => {
      clearTimeout(slow);
      res.resume();
      res.on('end', () => resolve(`${options.path}: ${res.statusCode}`));
    });
    req.on('error', (err) => {
      clearTimeout(slow);
      resolve(`${options.path}: ${err.code}`);
    });
    timersStarted += 1;
    const slow = setTimeout(() => console.log(`${options.path}: slow`), 2000);
  });
}

for (const path of ['/status/db', '/status/cache', '/status/queue', '/status/disk']) {
  console.log(await probe({ hostname: target.hostname, port: target.port, path, agent }));
}
console.log(`timers started: ${timersStarted}`);
agent.destroy();
