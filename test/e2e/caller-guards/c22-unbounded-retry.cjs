// expect: borderline -- the only caller resends on ECONNRESET (like the Node docs example) so the reset is resent, but with no attempt bound it can loop forever
'use strict';
const http = require('node:http');

const PORT = Number(process.env.PORT || 3000);

// global agent (keep-alive by default on Node >= 19; package.json requires >= 20)
function loadItem(id, cb) {
  const req = http.get(`http://127.0.0.1:${PORT}/items/${id}`, (res) => {
    let s = '';
    res.on('data', (c) => { s += c; });
    res.on('end', () => cb(null, s));
  });
  req.on('error', (err) => cb(err));
}

function loadItemRetrying(id, cb) {
  loadItem(id, (err, item) => {
    if (err && err.code === 'ECONNRESET') {
      return loadItemRetrying(id, cb);
    }
    cb(err, item);
  });
}

function main() {
  loadItemRetrying(1, (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => loadItemRetrying(2, (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
