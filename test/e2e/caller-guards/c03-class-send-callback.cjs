// expect: guarded -- ApiClient (not exported) sends via this._send(opts, cb); the only caller, get(), calls itself again on ECONNRESET while attempt < 2
'use strict';
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true });

class ApiClient {
  constructor({ host = '127.0.0.1', port } = {}) {
    this.host = host;
    this.port = port;
    this.agent = agent;
  }

  _send(opts, cb) {
    const req = http.request(
      { host: this.host, port: this.port, agent: this.agent, method: 'GET', ...opts },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { data += d; });
        res.on('end', () => cb(null, res.statusCode, data));
      },
    );
    req.on('error', (err) => cb(err));
    req.end();
  }

  get(path, cb, attempt = 0) {
    this._send({ path, headers: { accept: 'application/json' } }, (err, status, data) => {
      if (err && err.code === 'ECONNRESET' && attempt < 2) {
        return this.get(path, cb, attempt + 1);
      }
      cb(err, status, data);
    });
  }
}

function main() {
  const client = new ApiClient({ port: Number(process.env.PORT || 3000) });
  client.get('/users/1', (err) => {
    console.log(err ? err.code : 'ok');
    setTimeout(() => client.get('/users/2', (err2) => console.log(err2 ? err2.code : 'ok')), 20);
  });
}

if (require.main === module) main();
