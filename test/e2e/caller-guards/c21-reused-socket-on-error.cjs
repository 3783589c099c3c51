// expect: guarded -- get copies req.reusedSocket onto the error before cb(err); the only caller resends when err.reusedSocket && err.code === 'ECONNRESET' (max 3 tries)
'use strict';
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 2 });
const PORT = Number(process.env.PORT || 3000);

function get(path, cb) {
  const req = http.get({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
    let s = '';
    res.on('data', (c) => { s += c; });
    res.on('end', () => cb(null, s));
  });
  req.on('error', (err) => {
    err.reusedSocket = req.reusedSocket;
    cb(err);
  });
}

function getSafely(path, cb, attempt = 1) {
  get(path, (err, body) => {
    if (err && err.reusedSocket && err.code === 'ECONNRESET' && attempt < 3) {
      return getSafely(path, cb, attempt + 1);
    }
    cb(err, body);
  });
}

function main() {
  getSafely('/r/1', (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => getSafely('/r/2', (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
