// expect: exposed -- the only caller recognises ECONNRESET but only logs it and passes the error on; nothing resends
'use strict';
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT || 3000);

function fetchProfile(id, cb) {
  const req = http.get({ host: '127.0.0.1', port: PORT, path: `/profiles/${id}`, agent }, (res) => {
    let s = '';
    res.on('data', (d) => { s += d; });
    res.on('end', () => cb(null, s));
  });
  req.on('error', cb);
}

function loadProfile(id, cb) {
  fetchProfile(id, (err, profile) => {
    if (err) {
      if (err.code === 'ECONNRESET') {
        console.error(`[profiles] connection reset while loading ${id}; giving up`);
      }
      return cb(err);
    }
    cb(null, profile);
  });
}

function main() {
  loadProfile(1, (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => loadProfile(2, (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
