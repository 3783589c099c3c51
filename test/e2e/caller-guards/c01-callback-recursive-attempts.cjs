// expect: guarded -- fetchStatus hands the error to cb; its only caller fetchStatusWithRetry calls itself again on ECONNRESET while attempt < 3
'use strict';
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const PORT = Number(process.env.PORT || 3000);

function fetchStatus(path, cb) {
  const req = http.request({ host: '127.0.0.1', port: PORT, path, method: 'GET', agent }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => { body += chunk; });
    res.on('end', () => cb(null, { status: res.statusCode, body }));
  });
  req.on('error', cb);
  req.end();
}

function fetchStatusWithRetry(path, attempt, cb) {
  fetchStatus(path, (err, result) => {
    if (err && err.code === 'ECONNRESET' && attempt < 3) {
      return fetchStatusWithRetry(path, attempt + 1, cb);
    }
    cb(err, result);
  });
}

function main() {
  fetchStatusWithRetry('/status/1', 1, (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => {
      fetchStatusWithRetry('/status/2', 1, (err2) => {
        console.log(err2 ? err2.code : 'ok');
      });
    }, 20);
  });
}

if (require.main === module) main();
