// Status client that forces IPv4 name resolution with a `lookup` override in
// the request options literal, as the Node docs suggest for dual-stack hosts:
//   http.request({ ..., agent, lookup: (hostname, options, callback) => dns.lookup(hostname, { ...options, family: 4 }, callback) }, cb)
// Typed under --strict with (err: NodeJS.ErrnoException) listeners.
import * as dns from 'node:dns';
import * as http from 'node:http';

interface Probe {
  readonly service: string;
  readonly status: number;
  readonly path: string;
}

const agent = new http.Agent({ keepAlive: true });
const target = new URL(process.env.TARGET_URL ?? 'http://127.0.0.1:8080');

function probe(service: string): Promise<Probe> {
  return new Promise<Probe>((resolve, reject) => {
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: `/health/${service}`,
        method: 'GET',
        agent,
        lookup: (hostname, options, callback) => dns.lookup(hostname, { ...options, family: 4 }, callback),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { path: string };
          resolve({ service, status: res.statusCode ?? 0, path: body.path });
        });
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => reject(err));
    req.end();
  });
}

async function main(services: readonly string[]): Promise<void> {
  let healthy = 0;
  for (const service of services) {
    try {
      const result = await probe(service);
      if (result.status === 200) healthy += 1;
      console.log(`${result.service}: ${result.status} ${result.path}`);
    } catch (e: unknown) {
      const err = e as NodeJS.ErrnoException;
      console.log(`${service}: down (${err.code ?? err.message})`);
    }
  }
  console.log(`healthy: ${healthy}/${services.length}`);
}

main(['auth', 'billing', 'search', 'mailer'])
  .catch((e: unknown) => console.log(`probe run failed: ${String(e)}`))
  .finally(() => agent.destroy());
