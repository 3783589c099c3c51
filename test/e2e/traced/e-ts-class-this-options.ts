// A typed inventory client whose request options are built once in the
// constructor and kept on `this.options` (agent from the caller, default
// headers). Each call spreads them, which copies the top level only, so the
// `headers` object is the client's own one; the app stamps a new correlation
// id into it right after every call, before the response is in:
//   const req = http.request({ ...this.options, method, path }, (res) => handler(res));
//   client.options.headers['x-correlation-id'] = nextId();
// The caller passes the response handler; it reads `res` itself and must run
// once per call. The PUT's Content-Type/Length are added with req.setHeader()
// after the request exists, not in the options.
// Probes: `this.options` from a constructor, a shallow copy at the call, a
// caller-supplied handler of `res`. A retry that re-reads the shared headers
// sends the NEXT correlation id (seen in the server's request headers), one
// rebuilt from the options alone loses the setHeader() headers; a handler that
// runs twice prints "again".
import * as http from 'node:http';

type Handler = (res: http.IncomingMessage, done: (line: string) => void) => void;

interface ClientConfig {
  readonly baseUrl: string;
  readonly agent: http.Agent;
  readonly service: string;
}

class InventoryClient {
  readonly options: http.RequestOptions & { headers: http.OutgoingHttpHeaders };
  private handled = new Map<string, number>();

  constructor(config: ClientConfig) {
    const url = new URL(config.baseUrl);
    this.options = {
      hostname: url.hostname,
      port: Number(url.port),
      agent: config.agent,
      headers: { accept: 'application/json', 'x-service': config.service, 'x-correlation-id': 'none' },
    };
  }

  call(method: string, path: string, handler: Handler, body?: string): Promise<string> {
    const key = `${method} ${path}`;
    return new Promise<string>((resolve) => {
      let settled = false;
      const done = (line: string): void => {
        if (settled) {
          console.log(`${key}: settled again (${line})`);
          return;
        }
        settled = true;
        resolve(line);
      };
      const req = http.request({ ...this.options, method, path }, (res: http.IncomingMessage) => {
        const seen = (this.handled.get(key) ?? 0) + 1;
        this.handled.set(key, seen);
        if (seen > 1) console.log(`${key}: handler ran again (${seen})`);
        handler(res, done);
      });
      req.on('error', (err: NodeJS.ErrnoException) => done(`${key}: ${err.code ?? 'error'}`));
      if (body !== undefined) {
        req.setHeader('content-type', 'application/json');
        req.setHeader('content-length', Buffer.byteLength(body));
      }
      req.end(body);
    });
  }
}

const readJson =
  (label: string): Handler =>
  (res, done) => {
    let raw = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      raw += chunk;
    });
    res.on('error', (err: NodeJS.ErrnoException) => done(`${label}: body ${err.code ?? 'error'}`));
    res.on('end', () => {
      const reply = JSON.parse(raw) as { path: string; bytes: number };
      done(`${label}: ${res.statusCode ?? 0} ${reply.path} bytes=${reply.bytes} length=${res.headers['content-length'] ?? '?'}`);
    });
  };

const discard =
  (label: string): Handler =>
  (res, done) => {
    res.on('error', (err: NodeJS.ErrnoException) => done(`${label}: body ${err.code ?? 'error'}`));
    res.on('end', () => done(`${label}: ${res.statusCode ?? 0} (body discarded)`));
    res.resume();
  };

async function main(): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const client = new InventoryClient({ baseUrl: process.env.TARGET_URL ?? 'http://127.0.0.1:8080', agent, service: 'inventory' });
  let correlation = 100;
  const steps: Array<[string, string, Handler, string?]> = [
    ['GET', '/stock/sku-1', readJson('stock sku-1')],
    ['GET', '/stock/sku-2', readJson('stock sku-2')],
    ['PUT', '/stock/sku-2', readJson('restock sku-2'), JSON.stringify({ quantity: 40 })],
    ['GET', '/stock/sku-3?fields=id', discard('probe sku-3')],
    ['GET', '/stock/sku-3', discard('stock sku-3')],
    ['DELETE', '/reservations/r-9', readJson('release r-9')],
    ['GET', '/stock?low=1', readJson('low stock')],
  ];
  for (const [method, path, handler, body] of steps) {
    client.options.headers['x-correlation-id'] = `c-${correlation}`;
    const pending = client.call(method, path, handler, body);
    correlation += 1;
    client.options.headers['x-correlation-id'] = `c-${correlation}-prepared`;
    console.log(await pending);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  console.log(`last correlation id: ${String(client.options.headers['x-correlation-id'])}`);
  agent.destroy();
}

main().catch((err: unknown) => {
  console.log(`fatal ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
