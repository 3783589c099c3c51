// expect: borderline -- the only caller resends on ANY error (bounded, GET) so the reset is resent, but it never checks err.code or reusedSocket
'use strict';
const http = require('node:http');

const PORT = Number(process.env.PORT || 3000);

// engines.node >= 20: the global agent keeps sockets alive
function download(path, cb) {
  http
    .get(`http://127.0.0.1:${PORT}${path}`, (res) => {
      const parts = [];
      res.on('data', (p) => parts.push(p));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    })
    .on('error', (err) => cb(err));
}

function downloadWithRetries(path, retries, cb) {
  download(path, (err, buf) => {
    if (err && retries > 0) {
      return downloadWithRetries(path, retries - 1, cb);
    }
    cb(err, buf);
  });
}

function main() {
  downloadWithRetries('/files/1', 2, (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => downloadWithRetries('/files/2', 2, (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
