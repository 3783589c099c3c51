// expect: guarded -- error flows unchanged get -> getJson -> fetchConfig; fetchConfig (only caller of getJson, which is the only caller of get) re-calls itself on ECONNRESET, max 3 tries
'use strict';
const http = require('node:http');

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

function getJson(path, cb) {
  get(path, (err, text) => {
    if (err) return cb(err);
    let data;
    try {
      data = JSON.parse(text);
    } catch (parseErr) {
      return cb(parseErr);
    }
    cb(null, data);
  });
}

function fetchConfig(name, cb, tries = 0) {
  getJson(`/config/${name}`, (err, cfg) => {
    if (err && err.code === 'ECONNRESET' && tries < 2) {
      return fetchConfig(name, cb, tries + 1);
    }
    cb(err, cfg);
  });
}

function main() {
  fetchConfig('db', (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => fetchConfig('cache', (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
