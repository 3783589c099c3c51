// expect: exposed -- the only caller checks ECONNRESET but falls back to a cached value instead of calling fetchRates again; the request is never resent
'use strict';
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT || 3000);
const cache = new Map();

function fetchRates(currency, cb) {
  const req = http.get({ host: '127.0.0.1', port: PORT, path: `/rates/${currency}`, agent }, (res) => {
    let s = '';
    res.on('data', (c) => { s += c; });
    res.on('end', () => cb(null, s));
  });
  req.on('error', cb);
}

function getRates(currency, cb) {
  fetchRates(currency, (err, rates) => {
    if (err && err.code === 'ECONNRESET') {
      return cb(null, cache.get(currency) ?? null, { stale: true, code: err.code });
    }
    if (err) return cb(err);
    cache.set(currency, rates);
    cb(null, rates, { stale: false });
  });
}

function main() {
  getRates('EUR', (err, rates, meta) => {
    console.log(err ? err.code : meta.stale ? `fallback(${meta.code})` : 'ok');
    setTimeout(() => {
      getRates('USD', (err2, rates2, meta2) => {
        console.log(err2 ? err2.code : meta2.stale ? `fallback(${meta2.code})` : 'ok');
      });
    }, 20);
  });
}

if (require.main === module) main();
