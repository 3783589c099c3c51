// expect: guarded -- the class is exported but #request is a private method, so its only possible caller is get(), which retries on ECONNRESET (3 tries)
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 1000 });

export class ServiceClient {
  #port;

  constructor(port) {
    this.#port = port;
  }

  #request(path) {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.#port, path, agent }, (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (c) => { raw += c; });
        res.on('end', () => resolve({ status: res.statusCode, raw }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  async get(path) {
    let lastError;
    for (let i = 0; i < 3; i++) {
      try {
        return await this.#request(path);
      } catch (err) {
        lastError = err;
        if (err.code !== 'ECONNRESET') break;
      }
    }
    throw lastError;
  }
}

async function main() {
  const client = new ServiceClient(Number(process.env.PORT ?? 3000));
  for (const path of ['/svc/1', '/svc/2']) {
    try {
      await client.get(path);
      console.log('ok');
    } catch (err) {
      console.log(err.code ?? err.message);
    }
    await sleep(20);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
