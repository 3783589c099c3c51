// expect: guarded -- send stores cb in a Map and settle() calls it later with the raw error; the only sender, sendWithRetry, resends on ECONNRESET (2 retries)
'use strict';
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true });
const PORT = Number(process.env.PORT || 3000);

const pending = new Map();
let nextId = 0;

function settle(id, err, body) {
  const cb = pending.get(id);
  if (!cb) return;
  pending.delete(id);
  cb(err, body);
}

function send(path, cb) {
  const id = ++nextId;
  pending.set(id, cb);
  const req = http.get({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
    let body = '';
    res.on('data', (c) => { body += c; });
    res.on('end', () => settle(id, null, body));
  });
  req.on('error', (err) => settle(id, err));
}

function sendWithRetry(path, cb, triesLeft = 2) {
  send(path, (err, body) => {
    if (err && err.code === 'ECONNRESET' && triesLeft > 0) {
      return sendWithRetry(path, cb, triesLeft - 1);
    }
    cb(err, body);
  });
}

function main() {
  sendWithRetry('/jobs/1', (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => sendWithRetry('/jobs/2', (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
