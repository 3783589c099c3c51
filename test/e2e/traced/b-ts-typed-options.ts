// Builds typed http.RequestOptions (hostname/port/path/method/headers) for JSON
// POSTs carrying a per-order Idempotency-Key and an explicit Content-Length.
// Probes options objects typed under strict mode and a body sent with write() + end().
import * as http from 'node:http';

type OrderResult = { status: number; path: string; bytes: number };

const target = new URL(process.env.TARGET_URL ?? 'http://127.0.0.1:8080');
const agent: http.Agent = new http.Agent({ keepAlive: true });
let callbacksRun = 0;

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function buildOptions(path: string, body: string, key: string): http.RequestOptions {
  return {
    hostname: target.hostname,
    port: Number(target.port),
    path,
    method: 'POST',
    agent,
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Idempotency-Key': key,
    },
  };
}

function placeOrder(orderId: number, quantity: number): Promise<OrderResult> {
  const body = JSON.stringify({ orderId, quantity, note: 'n'.repeat(orderId * 10) });
  const options = buildOptions(`/orders/${orderId}`, body, `order-${orderId}-v1`);
  return new Promise<OrderResult>((resolve, reject) => {
    const req: http.ClientRequest = http.request(options, (res: http.IncomingMessage) => {
      callbacksRun += 1;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        const reply = JSON.parse(text) as { path: string; bytes: number };
        resolve({ status: res.statusCode ?? 0, path: reply.path, bytes: reply.bytes });
      });
    });
    req.on('error', (error: unknown) => reject(toError(error)));
    req.write(body);
    req.end();
  });
}

async function main(): Promise<void> {
  let placed = 0;
  const failures: string[] = [];
  for (let orderId = 1; orderId <= 4; orderId += 1) {
    try {
      const result = await placeOrder(orderId, orderId * 2);
      placed += 1;
      console.log(`order ${orderId}: status=${result.status} path=${result.path} bytes=${result.bytes}`);
    } catch (e: unknown) {
      const code = (e as NodeJS.ErrnoException).code ?? 'none';
      failures.push(code);
      console.log(`order ${orderId}: error ${code}`);
    }
  }
  agent.destroy();
  console.log(`placed=${placed} failures=${JSON.stringify(failures)} callbacksRun=${callbacksRun}`);
}

main().catch((e: unknown) => {
  console.log(`fatal ${toError(e).message}`);
  process.exitCode = 1;
});
