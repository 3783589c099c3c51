// A Node-style callback API get(path, cb) built on http.get, then wrapped with
// util.promisify and awaited in a loop; a few calls use the callback directly.
// Probes a callback that must be called exactly once per logical request.
const http = require('node:http');
const util = require('node:util');

const agent = new http.Agent({ keepAlive: true });
let callbackInvocations = 0;

function get(path, cb) {
  http
    .get(`${process.env.TARGET_URL}${path}`, { agent, headers: { accept: 'application/json' } }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        raw += chunk;
      });
      res.on('end', () => {
        callbackInvocations += 1;
        let parsed;
        try {
          parsed = JSON.parse(raw);
        } catch (err) {
          cb(err);
          return;
        }
        cb(null, { status: res.statusCode, path: parsed.path });
      });
    })
    .on('error', (err) => {
      callbackInvocations += 1;
      cb(err);
    });
}

const getAsync = util.promisify(get);

async function main() {
  for (const page of [1, 2, 3]) {
    try {
      const result = await getAsync(`/pages/${page}`);
      console.log(`page ${page}: ${result.status} ${result.path}`);
    } catch (err) {
      console.log(`page ${page}: error ${err.code}`);
    }
  }
  await new Promise((resolve) => {
    get('/pages/summary', (err, result) => {
      if (err) console.log(`summary: error ${err.code}`);
      else console.log(`summary: ${result.status} ${result.path}`);
      resolve();
    });
  });
  try {
    const last = await getAsync('/pages/4');
    console.log(`page 4: ${last.status} ${last.path}`);
  } catch (err) {
    console.log(`page 4: error ${err.code}`);
  }
  agent.destroy();
  console.log(`callbackInvocations=${callbackInvocations}`);
}

main();
