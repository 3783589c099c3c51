// Bulk sync that reuses one options object, reassigning path and a header per
// item before firing concurrent PUTs through a promise wrapper: put(options, body).
// Probes kind 3 (request options mutated after each send).
const http = require('node:http');

const target = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function put(options, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, path: JSON.parse(text).path, bytes: JSON.parse(text).bytes }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const options = {
  hostname: target.hostname,
  port: target.port,
  method: 'PUT',
  agent,
  headers: { 'content-type': 'application/json', 'x-record-id': '' },
};

const records = [
  { id: 'r1', name: 'first' },
  { id: 'r2', name: 'second, a bit longer' },
  { id: 'r3', name: 'third' },
  { id: 'r4', name: 'fourth and last record' },
];

async function main() {
  const pending = [];
  for (const record of records) {
    options.path = `/records/${record.id}`;
    options.headers['x-record-id'] = record.id;
    pending.push(put(options, JSON.stringify(record)));
  }
  const results = await Promise.allSettled(pending);
  results.forEach((r, k) => {
    if (r.status === 'fulfilled') console.log(`${records[k].id}: ${r.value.status} ${r.value.path} ${r.value.bytes}`);
    else console.log(`${records[k].id}: rejected ${r.reason.code}`);
  });
  console.log(`options.path ends as ${options.path}`);
  agent.destroy();
}
main();
