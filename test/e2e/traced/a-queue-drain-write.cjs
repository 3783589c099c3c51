// Event shipper that drains an in-memory queue into the request body:
//   while (queue.length) req.write(queue.shift()); req.end();
// Probes kind 2 (body built by a consuming loop around req.write/req.end).
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const base = process.env.TARGET_URL;

function ship(batch, queue) {
  return new Promise((resolve) => {
    const req = http.request(`${base}/events/batch-${batch}`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/x-ndjson' },
    }, (res) => {
      let raw = '';
      res.on('data', (d) => { raw += d; });
      res.on('end', () => resolve(`batch ${batch}: ${res.statusCode}, server got ${JSON.parse(raw).bytes} bytes`));
    });
    req.on('error', (err) => resolve(`batch ${batch}: ${err.code}`));
    let lines = 0;
    while (queue.length) {
      req.write(queue.shift());
      lines++;
    }
    req.end();
    console.log(`batch ${batch}: wrote ${lines} lines, queue now ${queue.length}`);
  });
}

(async () => {
  for (let batch = 1; batch <= 4; batch++) {
    const queue = [];
    for (let k = 0; k < batch + 2; k++) queue.push(JSON.stringify({ batch, k, kind: k % 2 ? 'click' : 'view' }) + '\n');
    console.log(await ship(batch, queue));
  }
  agent.destroy();
})();
