// expect: exposed -- getJson replaces the error with new Error(message) so err.code is lost; fetchConfig's ECONNRESET check can never match
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
    if (err) return cb(new Error(`GET ${path} failed: ${err.message}`));
    try {
      cb(null, JSON.parse(text));
    } catch (parseErr) {
      cb(parseErr);
    }
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
    console.log(err ? (err.code || err.message) : 'ok');
    setTimeout(() => fetchConfig('cache', (err2) => console.log(err2 ? (err2.code || err2.message) : 'ok')), 20);
  });
}

if (require.main === module) main();
