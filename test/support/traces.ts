// The oracle for the codemod: a program and its rewrite are run against the
// race server, and what the server saw and what the program did are compared.
// A trace holds, per run: the exit code, the program's stdout lines (its
// callbacks, in order) and every request the server received (method, path,
// headers, decoded body). Text is compared, not guessed: whatever differs
// between two runs of the same input is left out of the comparison.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { type RaceMode, type RequestRecord, TEST_CERTIFICATE, startRaceServer } from './race-server.js';

interface TracedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** `null` when the server reset the connection before the body arrived. */
  readonly body: string | null;
  readonly reset: boolean;
}

export interface Trace {
  readonly exitCode: number | null;
  readonly stdout: readonly string[];
  readonly requests: readonly TracedRequest[];
}

/** Programs whose name says TLS run against the HTTPS race server. */
const usesTls = (file: string): boolean => /(?:^|-)tls-/.test(path.basename(file));

/**
 * Runs one program against a fresh race server in `mode`. TypeScript is
 * transpiled (to an ES module beside it) first. The kill after 20 s only stops
 * a hung child; it is reported as exit code `null`, never as a pass.
 */
export async function traceProgram(file: string, mode: RaceMode, env: Record<string, string> = {}): Promise<Trace> {
  const server = await startRaceServer({ mode, tls: usesTls(file) });
  try {
    const { code, stdout } = await runNode(runnable(file), {
      TARGET_URL: server.url,
      NODE_EXTRA_CA_CERTS: TEST_CERTIFICATE,
      ...env,
    });
    const port = String(server.port);
    const anonymise = (text: string) => text.replaceAll(port, '<port>');
    return {
      exitCode: code,
      stdout: stdout
        .split('\n')
        .filter((line) => line !== '')
        .map(anonymise),
      requests: server.stats().requests.map((request: RequestRecord) => ({
        method: request.method,
        path: request.path,
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, anonymise(value)])),
        body: request.body,
        reset: request.reset,
      })),
    };
  } finally {
    await server.close();
  }
}

/** The file to run: itself, or for TypeScript its transpiled ES module in a `.run` folder beside it. */
function runnable(file: string): string {
  if (!file.endsWith('.ts')) return file;
  const out = path.join(path.dirname(file), '.run', path.basename(file).replace(/\.ts$/, '.mjs'));
  mkdirSync(path.dirname(out), { recursive: true });
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  writeFileSync(out, outputText);
  return out;
}

function runNode(file: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.resume();
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code: signal ? null : code, stdout });
    });
  });
}

/** A request as the server's view of "the same request": what a retry must send again. */
export interface RequestIdentity {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

/** The healthy-mode view of a trace: requests sorted, so that concurrency does not reorder them. */
export function healthyView(trace: Trace): { exitCode: number | null; stdout: readonly string[]; requests: RequestIdentity[] } {
  const requests = trace.requests
    .map(({ method, path: requestPath, headers, body }) => ({ method, path: requestPath, headers: sortKeys(headers), body }))
    .sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
  return { exitCode: trace.exitCode, stdout: trace.stdout, requests };
}

/**
 * Every leaf of a JSON value, by path: `{ "stdout.3": "ok", ... }`.
 * Arrays are indexed, so a longer array has paths the shorter one lacks.
 */
function leaves(value: unknown, prefix = '', into: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    if (entries.length === 0) into.set(prefix, Array.isArray(value) ? '[]' : '{}');
    for (const [key, item] of entries) leaves(item, prefix === '' ? key : `${prefix}.${key}`, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

/** Paths whose values differ between two runs of the same program: noise, not compared. */
export function noisyPaths(first: unknown, second: unknown): Set<string> {
  const a = leaves(first);
  const b = leaves(second);
  const noisy = new Set<string>();
  for (const key of new Set([...a.keys(), ...b.keys()])) if (a.get(key) !== b.get(key)) noisy.add(key);
  return noisy;
}

/** The differences between `actual` and `expected`, leaving out the noisy paths. */
export function differences(expected: unknown, actual: unknown, noisy: ReadonlySet<string>): string[] {
  const a = leaves(expected);
  const b = leaves(actual);
  const found: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (noisy.has(key)) continue;
    if (a.get(key) !== b.get(key)) found.push(`${key}: expected ${JSON.stringify(a.get(key))}, got ${JSON.stringify(b.get(key))}`);
  }
  return found;
}

/** Idempotent methods (RFC 9110 §9.2.2), and the headers that make any request safe to resend. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
const KEY_HEADERS = ['idempotency-key', 'x-idempotency-key'];
export const mayBeResent = (request: RequestIdentity): boolean =>
  IDEMPOTENT.has(request.method) || KEY_HEADERS.some((header) => header in request.headers);

/**
 * What must hold for a rewritten program's run in a racing mode, against the
 * same program's healthy runs (`healthy`, two of them, to know the noise) and
 * its own run in that racing mode before the rewrite (`inputRace`):
 * - every request the server received is one the program sent when healthy
 *   (same method, path, headers and body; headers that differ between healthy
 *   runs, such as a random key, are left out of that match);
 * - the attempts at one request are all the same request: one key, one body;
 * - no request is sent more than 1 + maxRetries times as often as when healthy;
 * - a request that may not be resent (not idempotent, no key) is sent no more
 *   often than before the rewrite in the same mode.
 */
export function racingViolations(
  healthy: readonly [Trace, Trace],
  inputRace: Trace,
  outputRace: Trace,
  maxRetries: number,
): string[] {
  const violations: string[] = [];
  const healthyRequests = healthy[0].requests;
  const noisyHeaders = new Set<string>();
  const [firstRun, secondRun] = [healthyView(healthy[0]).requests, healthyView(healthy[1]).requests];
  firstRun.forEach((request, index) => {
    const other = secondRun[index];
    for (const name of new Set([...Object.keys(request.headers), ...Object.keys(other?.headers ?? {})])) {
      if (request.headers[name] !== other?.headers[name]) noisyHeaders.add(name);
    }
  });
  const stable = (request: TracedRequest) => ({
    method: request.method,
    path: request.path,
    headers: sortKeys(Object.fromEntries(Object.entries(request.headers).filter(([name]) => !noisyHeaders.has(name)))),
  });
  const key = (request: TracedRequest) => JSON.stringify(stable(request));
  const known = new Map<string, Set<string>>();
  const healthyCount = new Map<string, number>();
  for (const request of healthyRequests) {
    const identity = key(request);
    (known.get(identity) ?? known.set(identity, new Set()).get(identity))?.add(request.body ?? '');
    healthyCount.set(identity, (healthyCount.get(identity) ?? 0) + 1);
  }
  const attempts = new Map<string, TracedRequest[]>();
  for (const request of outputRace.requests) {
    const identity = key(request);
    const bodies = known.get(identity);
    if (!bodies) violations.push(`a request the healthy program never sends: ${identity}`);
    else if (request.body !== null && !bodies.has(request.body)) {
      violations.push(`${request.method} ${request.path} sent with a body the healthy program never sends: ${JSON.stringify(request.body.slice(0, 200))}`);
    }
    (attempts.get(identity) ?? attempts.set(identity, []).get(identity))?.push(request);
  }
  const inputCount = new Map<string, number>();
  for (const request of inputRace.requests) inputCount.set(key(request), (inputCount.get(key(request)) ?? 0) + 1);
  for (const [identity, sent] of attempts) {
    const expected = healthyCount.get(identity) ?? 0;
    if (sent.length > expected * (1 + maxRetries)) {
      violations.push(`${identity} sent ${sent.length} times, healthy ${expected} (at most ${1 + maxRetries} attempts each)`);
    }
    // A request sent once when healthy must be the same request on every attempt, random key included.
    if (expected === 1) {
      const variants = new Set(sent.map((request) => JSON.stringify({ headers: sortKeys(request.headers), body: request.body ?? '<reset>' })));
      const complete = new Set(sent.filter((request) => request.body !== null).map((request) => JSON.stringify({ headers: sortKeys(request.headers), body: request.body })));
      const headerVariants = new Set(sent.map((request) => JSON.stringify(sortKeys(request.headers))));
      if (headerVariants.size > 1 || complete.size > 1) {
        violations.push(`${identity}: its attempts differ from each other: ${[...variants].join(' | ').slice(0, 400)}`);
      }
    }
    const [first] = sent;
    if (first && !mayBeResent(first) && sent.length > Math.max(inputCount.get(identity) ?? 0, expected)) {
      violations.push(`${identity} is not idempotent and has no key, but was sent ${sent.length} times (${inputCount.get(identity) ?? 0} before the rewrite)`);
    }
  }
  return violations;
}

function sortKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
