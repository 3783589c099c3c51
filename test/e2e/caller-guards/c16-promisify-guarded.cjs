// expect: guarded -- get(path, cb) is only used through util.promisify(get), and the only caller of that, getWithRetry, loops on ECONNRESET (3 tries)
'use strict';
const http = require('node:http');
const util = require('node:util');

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT || 3000);

function get(path, cb) {
  const req = http.request({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks).toString()));
  });
  req.on('error', cb);
  req.end();
}

const getAsync = util.promisify(get);

async function getWithRetry(path) {
  let lastErr;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await getAsync(path);
    } catch (err) {
      if (err.code !== 'ECONNRESET') throw err;
      lastErr = err;
    }
  }
  throw lastErr;
}

async function main() {
  for (const path of ['/p/1', '/p/2']) {
    try {
      await getWithRetry(path);
      console.log('ok');
    } catch (err) {
      console.log(err.code);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

if (require.main === module) main();
