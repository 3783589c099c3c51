// HTTPS object store client that dials the IP but names the host for TLS
// (`servername`), picks its agent with a conditional (toggled after each call),
// builds headers from a Map inline (changed after each call), PUT/DELETE bodies:
//   const req = https.request({ servername, agent: bulk ? bulkAgent : agent, headers: Object.fromEntries(meta) }, cb); req.setHeader(...).setHeader(...).end(body)
import https from 'node:https';

const target = new URL(process.env.TARGET_URL);
const agent = new https.Agent({ keepAlive: true });
const bulkAgent = new https.Agent({ keepAlive: true, maxFreeSockets: 4 });
const meta = new Map([
  ['x-store-region', 'eu-1'],
  ['x-store-class', 'standard'],
]);
let bulk = false;

function send(method, key, body) {
  return new Promise((resolve) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: target.port,
        servername: 'localhost',
        method,
        path: `/objects/${key}`,
        agent: bulk ? bulkAgent : agent,
        headers: Object.fromEntries(meta),
      },
      (res) => {
        const authorized = res.socket.authorized;
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (raw += chunk));
        res.on('error', (err) => resolve(`${method} ${key}: aborted ${err.code}`));
        res.on('end', () => {
          const reply = JSON.parse(raw);
          resolve(`${method} ${key}: ${res.statusCode} ${reply.bytes} bytes, authorized=${authorized}`);
        });
      },
    );
    req.on('error', (err) => resolve(`${method} ${key}: error ${err.code}`));
    req.setHeader('content-type', 'application/octet-stream').setHeader('content-length', body.length).end(body);
    meta.set('x-store-class', bulk ? 'standard' : 'archive');
    bulk = !bulk;
  });
}

const parts = ['alpha', 'beta', 'gamma'].map((word) => Buffer.from(`${word}\n`));
console.log(await send('PUT', 'docs/one', Buffer.concat(parts)));
console.log(await send('PUT', 'docs/two', Buffer.concat(parts.slice(1))));
console.log(await send('DELETE', 'docs/one', Buffer.from(JSON.stringify({ reason: 'superseded' }))));
console.log(await send('PUT', 'docs/three', Buffer.alloc(0)));
console.log(await send('DELETE', 'docs/two', Buffer.from('{"reason":"expired"}')));
console.log(await send('PUT', 'docs/four', parts[0]));
agent.destroy();
bulkAgent.destroy();
