import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { describe, expect, it } from 'vitest';
import { parse } from './parse.js';

const HEAD = "const http = require('http');\nconst agent = new http.Agent({ keepAlive: true });\n";

/** Whether the guard finder counts the request `http.get(...)` in `body` as guarded. */
function guarded(body: string, retryWrappers?: readonly string[]): boolean {
  const file = parse(HEAD + body, retryWrappers ? { retryWrappers } : {});
  const request = file.node<TSESTree.CallExpression>("http.get('http://a.test', { agent })", AST_NODE_TYPES.CallExpression);
  return file.guards.isGuarded(request);
}

describe('GuardFinder: error listeners', () => {
  it.each([
    ["reads req.reusedSocket and calls again", "const req = http.get('http://a.test', { agent });\nreq.on('error', (err) => { if (req.reusedSocket) queue.retry(err); });"],
    ['names ECONNRESET and calls again', "http.get('http://a.test', { agent }).on('error', (err) => { if (err.code === 'ECONNRESET') scheduleRetry(); });"],
    ['calls a same-file helper that checks, then resends', "function retryable(err) { return err.code === 'ECONNRESET'; }\nfunction send() {\n  const req = http.get('http://a.test', { agent });\n  req.once('error', (err) => retryable(err) && send());\n}"],
    ["calls the rewrite's helper", "const req = http.get('http://a.test', { agent });\nreq.on('error', (err) => { if (shouldRetryOnReusedSocket(req, err, 0)) return; });"],
    ['resends on a reset code kept in a Set', "const CODES = new Set(['EPIPE']);\nfunction send() {\n  const req = http.get('http://a.test', { agent });\n  req.on('error', (err) => { if (CODES.has(err.code)) send(); });\n}"],
  ])('a listener that %s guards', (_, body) => {
    expect(guarded(body)).toBe(true);
  });

  it.each([
    ['only logs', "http.get('http://a.test', { agent }).on('error', (err) => console.error(err));"],
    ['names ECONNRESET only to log it', "http.get('http://a.test', { agent }).on('error', (err) => { if (err.code === 'ECONNRESET') logger.warn('reset'); });"],
    ['maps ECONNRESET to a 504', "export function proxy(res) {\n  http.get('http://a.test', { agent }).on('error', (err) => { if (err.code === 'ECONNRESET') { res.writeHead(504); res.end(); } });\n}"],
    ['hands it to the callback', "export function get(cb) {\n  http.get('http://a.test', { agent }).on('error', (err) => { if (err.code === 'ECONNRESET') return cb(err); cb(err); });\n}"],
    ['reads reusedSocket and returns', "const req = http.get('http://a.test', { agent });\nreq.on('error', () => { if (req.reusedSocket) return; });"],
    ['listens for another event', "http.get('http://a.test', { agent }).on('close', () => { if (x === 'ECONNRESET') y(); });"],
  ])('a listener that %s does not', (_, body) => {
    expect(guarded(body)).toBe(false);
  });
});

describe('GuardFinder: retry wrappers', () => {
  it('counts configured wrappers by name and by dotted path', () => {
    expect(guarded("pRetry(() => http.get('http://a.test', { agent }));")).toBe(true);
    expect(guarded("backoff.retry(() => http.get('http://a.test', { agent }));", ['backoff.retry'])).toBe(true);
    expect(guarded("other.retry(() => http.get('http://a.test', { agent }));", ['backoff.retry'])).toBe(false);
  });

  it("counts a call of the request's function from inside a wrapper", () => {
    expect(guarded("function getJson() { return http.get('http://a.test', { agent }); }\npRetry(() => getJson());")).toBe(true);
  });

  it('counts a same-file wrapper only when it calls again on a reset', () => {
    const retries = [
      'async function withRetry(fn) {',
      "  for (let i = 0; ; i++) { try { return await fn(); } catch (err) { if (err.code !== 'ECONNRESET' || i > 2) throw err; } }",
      '}',
    ].join('\n');
    const counts = "let resets = 0;\nasync function withRetry(fn) { try { return await fn(); } catch (err) { if (err.code === 'ECONNRESET') resets++; throw err; } }";
    const call = "\nwithRetry(() => http.get('http://a.test', { agent }));";
    expect(guarded(retries + call, [])).toBe(true);
    expect(guarded(counts + call, [])).toBe(false);
  });
});

describe('GuardFinder: promises', () => {
  const file = parse(
    [
      'async function main() {',
      "  fetchIt('a').catch((err) => { if (err.code === 'ECONNRESET') return fetchIt('a'); throw err; });",
      "  fetchIt('b').then(() => 1, (err) => console.log(err));",
      "  try { await fetchIt('c'); } catch (err) { if (err.cause?.code === 'ECONNRESET') await fetchIt('c'); }",
      "  try { await fetchIt('d'); } catch (err) { console.log(err); }",
      "  pRetry(() => fetchIt('e'));",
      '}',
    ].join('\n'),
  );
  const call = (name: string) => file.node<TSESTree.CallExpression>(`fetchIt('${name}')`, AST_NODE_TYPES.CallExpression);

  it('a .catch or a try/catch around the await that checks the code guards, a wrapper too', () => {
    expect(['a', 'c', 'e'].map((name) => file.guards.promiseGuarded(call(name)))).toEqual([true, true, true]);
  });

  it('a rejection handler or catch that does not check does not', () => {
    expect(['b', 'd'].map((name) => file.guards.promiseGuarded(call(name)))).toEqual([false, false]);
  });
});
