// expect: exposed -- Watcher re-emits the request error; the only 'error' listener logs err.code and moves on to the next item without resending
import http from 'node:http';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true });

class Watcher extends EventEmitter {
  constructor(port) {
    super();
    this.port = port;
  }

  check(path) {
    http
      .get({ host: '127.0.0.1', port: this.port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => this.emit('status', path, res.statusCode));
      })
      .on('error', (err) => this.emit('error', err));
  }
}

function main() {
  const watcher = new Watcher(Number(process.env.PORT ?? 3000));
  const queue = ['/svc/a', '/svc/b'];
  const next = () => {
    const p = queue.shift();
    if (p) setTimeout(() => watcher.check(p), 20);
  };
  watcher.on('status', () => {
    console.log('ok');
    next();
  });
  watcher.on('error', (err) => {
    if (err.code === 'ECONNRESET') console.error('watcher: connection reset by peer');
    console.log(err.code);
    next();
  });
  next();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
