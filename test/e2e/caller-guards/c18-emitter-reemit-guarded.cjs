// expect: guarded -- Poller (not exported) re-emits the raw request error as 'error'; the only listener in the file re-polls the same path on ECONNRESET (max 3 attempts)
'use strict';
const http = require('node:http');
const { EventEmitter } = require('node:events');

const agent = new http.Agent({ keepAlive: true });

class Poller extends EventEmitter {
  constructor(port) {
    super();
    this.port = port;
  }

  poll(path) {
    const req = http.get({ host: '127.0.0.1', port: this.port, path, agent }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => this.emit('data', path, body));
    });
    req.on('error', (err) => this.emit('error', err, path));
  }
}

function main() {
  const poller = new Poller(Number(process.env.PORT || 3000));
  const attempts = new Map();
  const queue = ['/feed/1', '/feed/2'];

  const next = () => {
    const path = queue.shift();
    if (path) setTimeout(() => poller.poll(path), 20);
  };

  poller.on('data', () => {
    console.log('ok');
    next();
  });

  poller.on('error', (err, path) => {
    const n = (attempts.get(path) || 0) + 1;
    attempts.set(path, n);
    if (err.code === 'ECONNRESET' && n < 3) {
      poller.poll(path);
      return;
    }
    console.log(err.code);
    next();
  });

  next();
}

if (require.main === module) main();
