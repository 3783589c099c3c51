// Fluent one-expression request, the way the docs' chaining suggests:
//   http.request(opts).on('response', cb).on('error', h).setTimeout(ms, t).end(body)
// Probes kind 1 (chains that do return the request) and kind 4 (timeout and
// response callbacks counted).
import http from 'node:http';

const target = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const counts = { responses: 0, errors: 0, timeouts: 0 };

function save(id, doc) {
  return new Promise((resolve) => {
    const body = JSON.stringify(doc);
    http
      .request({
        hostname: target.hostname,
        port: target.port,
        path: `/notes/${id}`,
        method: 'PUT',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      })
      .on('response', (res) => {
        counts.responses += 1;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const info = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          console.log(`note ${id}: ${res.statusCode} ${info.bytes} bytes`);
          resolve();
        });
      })
      .on('error', (err) => {
        counts.errors += 1;
        console.log(`note ${id}: error ${err.code}`);
        resolve();
      })
      .setTimeout(3000, function () {
        counts.timeouts += 1;
        this.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
      })
      .end(body);
  });
}

for (const id of [11, 12, 13, 14]) {
  await save(id, { id, title: `note number ${id}`, tags: ['a', 'b'].slice(0, id % 3) });
}
console.log(`counts ${JSON.stringify(counts)}`);
agent.destroy();
