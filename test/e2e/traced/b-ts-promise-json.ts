// A strict-TypeScript promise wrapper around http.get: the error listener takes
// `unknown` and rejects with toError(error); callers use `catch (e: unknown)`.
// Probes a typed wrapper on a maxSockets: 1 keep-alive agent with generic JSON parsing.
import * as http from 'node:http';

interface ItemReply {
  path: string;
  bytes: number;
}

const baseUrl: string = process.env.TARGET_URL ?? 'http://127.0.0.1:8080';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let errorListenerCalls = 0;
let responseCallbacks = 0;

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return String((error as { code: unknown }).code);
  }
  return error instanceof Error ? error.message : 'unknown';
}

function getJson<T>(path: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const req = http.get(`${baseUrl}${path}`, { agent }, (res: http.IncomingMessage) => {
      responseCallbacks += 1;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
        } catch (error: unknown) {
          reject(toError(error));
        }
      });
    });
    req.on('error', (error: unknown) => {
      errorListenerCalls += 1;
      reject(toError(error));
    });
  });
}

async function main(): Promise<void> {
  const seen: string[] = [];
  for (const id of [3, 7, 11, 15]) {
    try {
      const item = await getJson<ItemReply>(`/items/${id}`);
      seen.push(item.path);
      console.log(`item ${id}: path=${item.path} bytes=${item.bytes}`);
    } catch (e: unknown) {
      console.log(`item ${id}: failed ${errorCode(e)}`);
    }
  }
  agent.destroy();
  console.log(`seen=${seen.join(',')}`);
  console.log(`responseCallbacks=${responseCallbacks} errorListenerCalls=${errorListenerCalls}`);
}

void main();
