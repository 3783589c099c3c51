// expect: guarded -- the only caller retries after a setTimeout backoff when RETRYABLE_CODES (a Set containing 'ECONNRESET') has err.code, attempt < 3
'use strict';
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT || 3000);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED']);

function getMetrics(path, cb) {
  const req = http.get({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
    let s = '';
    res.on('data', (c) => { s += c; });
    res.on('end', () => cb(null, s));
  });
  req.on('error', cb);
}

function getMetricsWithBackoff(path, cb, attempt = 1) {
  getMetrics(path, (err, data) => {
    if (err && RETRYABLE_CODES.has(err.code) && attempt < 3) {
      setTimeout(() => getMetricsWithBackoff(path, cb, attempt + 1), 10 * attempt);
      return;
    }
    cb(err, data);
  });
}

function main() {
  getMetricsWithBackoff('/metrics/1', (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => getMetricsWithBackoff('/metrics/2', (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
