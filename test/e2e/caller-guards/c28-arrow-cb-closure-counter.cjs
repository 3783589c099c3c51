// expect: guarded -- load passes the error via (e) => done(e); its only caller keeps a closure counter and calls attempt() again on ECONNRESET while ++tries < 3
'use strict';
const http = require('node:http');

const keepAliveAgent = new http.Agent({ keepAlive: true, timeout: 5000 });
const PORT = Number(process.env.PORT || 3000);

function load(path, done) {
  const options = { host: '127.0.0.1', port: PORT, path, method: 'GET', agent: keepAliveAgent };
  const req = http.request(options, (res) => {
    const bufs = [];
    res.on('data', (b) => bufs.push(b));
    res.on('end', () => done(null, Buffer.concat(bufs)));
    res.on('error', (e) => done(e));
  });
  req.once('error', (e) => done(e));
  req.end();
}

function loadResource(path, cb) {
  let tries = 0;
  const attempt = () =>
    load(path, (err, body) => {
      if (err?.code === 'ECONNRESET' && ++tries < 3) return attempt();
      cb(err, body);
    });
  attempt();
}

function main() {
  loadResource('/res/1', (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => loadResource('/res/2', (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
