// Typed API client with readonly fields (agent, base URL, default headers) and a
// `http.RequestOptions` const of defaults spread into each request:
//   const req = http.request({ ...this.defaults, path, method, headers }, cb); req.on('error', (err: NodeJS.ErrnoException) => ...)
// Writes go out with a random Idempotency-Key so they may be resent.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';

interface Ack {
  readonly path: string;
  readonly bytes: number;
}

class LedgerClient {
  private readonly agent: http.Agent = new http.Agent({ keepAlive: true });
  private readonly defaults: http.RequestOptions;
  private readonly baseHeaders: Readonly<http.OutgoingHttpHeaders> = { accept: 'application/json' };
  private requests = 0;

  constructor(readonly baseUrl: string) {
    const url = new URL(baseUrl);
    this.defaults = { hostname: url.hostname, port: url.port, agent: this.agent };
  }

  get sent(): number {
    return this.requests;
  }

  read(path: string): Promise<Ack> {
    return this.call('GET', path);
  }

  append(path: string, entry: Record<string, unknown>): Promise<Ack> {
    return this.call('POST', path, JSON.stringify(entry));
  }

  close(): void {
    this.agent.destroy();
  }

  private call(method: string, path: string, body?: string): Promise<Ack> {
    this.requests += 1;
    const headers: http.OutgoingHttpHeaders = { ...this.baseHeaders };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
      headers['idempotency-key'] = randomUUID();
    }
    return new Promise<Ack>((resolve, reject) => {
      const req = http.request({ ...this.defaults, path, method, headers }, (res: http.IncomingMessage) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (raw += chunk));
        res.on('end', () => {
          const parsed = JSON.parse(raw) as Ack;
          resolve({ path: parsed.path, bytes: parsed.bytes });
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        reject(err);
      });
      req.end(body);
    });
  }
}

async function run(client: LedgerClient): Promise<void> {
  const accounts = ['acme', 'globex', 'initech'] as const;
  for (const account of accounts) {
    try {
      const balance = await client.read(`/accounts/${account}/balance`);
      console.log(`${account} balance read: ${balance.path}`);
      const ack = await client.append(`/accounts/${account}/entries`, { account, amount: account.length * 10 });
      console.log(`${account} entry appended: ${ack.bytes} bytes`);
    } catch (e: unknown) {
      const err = e as NodeJS.ErrnoException;
      console.log(`${account} failed: ${err.code ?? err.message}`);
    }
  }
}

const client = new LedgerClient(process.env.TARGET_URL ?? 'http://127.0.0.1:8080');
run(client)
  .catch((e: unknown) => console.log(`run failed: ${String(e)}`))
  .finally(() => {
    console.log(`requests made: ${client.sent}`);
    client.close();
  });
