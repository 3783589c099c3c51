// expect: exposed -- get is used by the guarded getWithRetry, but it is also exported via module.exports, so unknown callers can call it without a retry
'use strict';
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true });

function get(port, path, cb) {
  const req = http.request({ host: '127.0.0.1', port, path, agent }, (res) => {
    res.resume();
    res.on('end', () => cb(null, res.statusCode));
  });
  req.on('error', cb);
  req.end();
}

function getWithRetry(port, path, cb, attempt = 1) {
  get(port, path, (err, status) => {
    if (err && err.code === 'ECONNRESET' && attempt < 3) return getWithRetry(port, path, cb, attempt + 1);
    cb(err, status);
  });
}

module.exports = { get, getWithRetry };

function main() {
  const port = Number(process.env.PORT || 3000);
  getWithRetry(port, '/x/1', (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => getWithRetry(port, '/x/2', (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
