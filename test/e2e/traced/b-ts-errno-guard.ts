// Requests through Node's global agent with a URL object plus options, the
// response taken from a 'response' listener and errors narrowed by an
// ErrnoException type guard in `catch (e: unknown)` with a finally counter.
import * as http from 'node:http';

function isErrnoException(value: unknown): value is NodeJS.ErrnoException {
  return value instanceof Error && typeof (value as NodeJS.ErrnoException).code === 'string';
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

const base: string = process.env.TARGET_URL ?? 'http://127.0.0.1:8080';

function call(method: 'GET' | 'DELETE', pathname: string, query: Record<string, string>): Promise<number> {
  const url = new URL(pathname, base);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'x-client': 'errno-guard' } });
    req.on('response', (res: http.IncomingMessage) => {
      console.log(`response ${method} ${url.pathname}${url.search} -> ${res.statusCode ?? 0}`);
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', (error: unknown) => reject(toError(error)));
    req.end();
  });
}

async function main(): Promise<void> {
  let attemptsMade = 0;
  let ok = 0;
  const codes: string[] = [];
  const plan: Array<['GET' | 'DELETE', string, Record<string, string>]> = [
    ['GET', '/sessions/41', { fields: 'id,owner' }],
    ['DELETE', '/sessions/41', { reason: 'logout' }],
    ['GET', '/sessions/42', { fields: 'id' }],
    ['DELETE', '/sessions/42', { reason: 'expired' }],
  ];
  for (const [method, pathname, query] of plan) {
    try {
      await call(method, pathname, query);
      ok += 1;
    } catch (e: unknown) {
      if (isErrnoException(e)) {
        codes.push(e.code ?? '');
        console.log(`failed ${method} ${pathname}: ${e.code ?? ''}`);
      } else {
        console.log(`failed ${method} ${pathname}: ${toError(e).message}`);
      }
    } finally {
      attemptsMade += 1;
    }
  }
  http.globalAgent.destroy();
  console.log(`attemptsMade=${attemptsMade} ok=${ok} codes=${codes.join('|')}`);
}

main().catch((e: unknown) => {
  console.log(`unexpected: ${toError(e).message}`);
});
