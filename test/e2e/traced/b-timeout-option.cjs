// The `timeout` request option with a 'timeout' listener that calls req.destroy(),
// as in Node's docs; the third request stalls on its body so the timeout fires and
// the request fails with Node's own "socket hang up". Probes a user-caused reset.
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const base = new URL(process.env.TARGET_URL);
let timeoutListenerRuns = 0;

function putRecord(id, stallMs) {
  return new Promise((resolve) => {
    const body = JSON.stringify({ id, value: `record-${id}` });
    const req = http.request({
      hostname: base.hostname,
      port: base.port,
      path: `/records/${id}`,
      method: 'PUT',
      agent,
      timeout: 150,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('timeout', () => {
      timeoutListenerRuns += 1;
      console.log(`record ${id}: timeout listener`);
      req.destroy();
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(`status ${res.statusCode}`));
    });
    req.on('error', (err) => resolve(`error ${err.code} (${err.message})`));
    if (stallMs === 0) {
      req.end(body);
      return;
    }
    req.write(body.slice(0, 5));
    setTimeout(() => {
      if (!req.destroyed) req.end(body.slice(5));
    }, stallMs);
  });
}

(async () => {
  const plan = [[1, 0], [2, 0], [3, 500], [4, 0], [5, 0]];
  for (const [id, stallMs] of plan) {
    console.log(`record ${id}: ${await putRecord(id, stallMs)}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 550));
  agent.destroy();
  console.log(`timeoutListenerRuns=${timeoutListenerRuns}`);
})();
