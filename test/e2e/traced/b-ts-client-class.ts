// An API client class owning its keep-alive agent in a private field, with async
// methods that funnel through one private send() building http.request options.
// Probes requests made through `this.agent` inside class methods under strict mode.
import * as http from 'node:http';

interface ServerReply {
  path: string;
  bytes: number;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

class InventoryClient {
  private readonly agent: http.Agent;
  private readonly base: URL;
  private sentCount = 0;
  private failedCount = 0;

  constructor(baseUrl: string) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  async getStock(sku: string): Promise<number> {
    const reply = await this.send('GET', `/stock/${sku}`);
    return reply.path.length;
  }

  async reserve(sku: string, quantity: number): Promise<number> {
    const reply = await this.send('POST', `/reservations/${sku}`, JSON.stringify({ sku, quantity }));
    return reply.bytes;
  }

  async release(sku: string): Promise<void> {
    await this.send('DELETE', `/reservations/${sku}`);
  }

  get stats(): string {
    return `sent=${this.sentCount} failed=${this.failedCount}`;
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, payload?: string): Promise<ServerReply> {
    this.sentCount += 1;
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise<ServerReply>((resolve, reject) => {
      const req = http.request(
        {
          hostname: this.base.hostname,
          port: this.base.port,
          path,
          method,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error: Error) => reject(error));
          res.on('end', () => {
            if (res.statusCode !== 200) {
              reject(new Error(`unexpected status ${String(res.statusCode)}`));
              return;
            }
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ServerReply);
          });
        },
      );
      req.on('error', (error: unknown) => {
        this.failedCount += 1;
        reject(toError(error));
      });
      if (payload !== undefined) req.end(payload);
      else req.end();
    });
  }
}

async function run(client: InventoryClient, skus: readonly string[]): Promise<void> {
  for (const sku of skus) {
    try {
      const stock = await client.getStock(sku);
      console.log(`stock ${sku}: ${stock}`);
      const bytes = await client.reserve(sku, 2);
      console.log(`reserved ${sku}: ${bytes} bytes acknowledged`);
      await client.release(sku);
      console.log(`released ${sku}`);
    } catch (e: unknown) {
      const err = toError(e) as NodeJS.ErrnoException;
      console.log(`sku ${sku} aborted: ${err.code ?? err.message}`);
    }
  }
}

const client = new InventoryClient(process.env.TARGET_URL ?? 'http://127.0.0.1:8080');
run(client, ['A-100', 'B-200', 'C-300'])
  .catch((e: unknown) => console.log(`run failed: ${toError(e).message}`))
  .finally(() => {
    client.close();
    console.log(client.stats);
  });
