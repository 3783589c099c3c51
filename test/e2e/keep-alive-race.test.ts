import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RaceMode, type RaceServer, startRaceServer } from '../support/race-server.js';

/**
 * Proof at run time: realistic client programs, run as child processes
 * against a server that loses the keep-alive race on purpose, before and
 * after the codemod (the real CLI, run on a copy of them).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const programs = path.join(here, 'programs');
const cli = path.join(here, '..', '..', 'packages', 'codemod', 'dist', 'cli.js');
const MAX_RETRIES = 3;

let original: string;
let rewritten: string;
let server: RaceServer | undefined;

beforeAll(() => {
  original = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-e2e-original-'));
  rewritten = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-e2e-rewritten-'));
  cpSync(programs, original, { recursive: true });
  cpSync(programs, rewritten, { recursive: true });
  const report = JSON.parse(execFileSync(process.execPath, [cli, '--json', rewritten], { encoding: 'utf8' })) as {
    summary: { scanned: number; rewritten: number; left: number };
  };
  expect(report.summary).toMatchObject({ scanned: 6, rewritten: 6, left: 0 });
});

afterAll(() => {
  rmSync(original, { recursive: true, force: true });
  rmSync(rewritten, { recursive: true, force: true });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Run {
  readonly code: number | null;
  readonly stderr: string;
  readonly result: { completed: number; errors?: string[]; errorHandlerCalls?: number; pooled?: number } | undefined;
}

async function serve(mode: RaceMode): Promise<RaceServer> {
  server = await startRaceServer({ mode });
  return server;
}

/** Runs a program to its end. The kill after 20 s only stops a hung child; no assertion is about time. */
function run(directory: string, program: string, target: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(directory, program)], {
      env: { ...process.env, TARGET_URL: target, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
      resolve({ code, stderr, result: line ? JSON.parse(line.slice('RESULT '.length)) : undefined });
    });
  });
}

const maxAttemptsPerRequest = (attempts: Record<string, number>) => Math.max(...Object.values(attempts));

/** Each program sends REQUESTS logical requests, each to a path of its own. */
const sequentialPrograms = ['seed-poll.mjs', 'promise-upload.mjs', 'destructured-get.cjs', 'resolve-on-error.mjs'];

describe('the keep-alive race, before and after the codemod', () => {
  it.each(sequentialPrograms)('%s: the original fails with ECONNRESET', async (program) => {
    const { url } = await serve('before-body');
    const outcome = await run(original, program, url, { REQUESTS: '4' });
    const failed = outcome.code !== 0 ? outcome.stderr : (outcome.result?.errors ?? []).join(',');
    expect(failed).toContain('ECONNRESET');
    expect(outcome.result?.completed ?? 0).toBeLessThan(4);
  });

  it.each(sequentialPrograms)('%s: the codemod’s output completes every request, within 1 + maxRetries attempts each', async (program) => {
    const raceServer = await serve('before-body');
    const outcome = await run(rewritten, program, raceServer.url, { REQUESTS: '4' });
    expect(outcome.code).toBe(0);
    expect(outcome.result).toMatchObject({ completed: 4 });
    expect(outcome.result?.errors ?? []).toEqual([]);
    const { attempts, resets } = raceServer.stats();
    expect(Object.keys(attempts)).toHaveLength(4);
    expect(resets).toBeGreaterThan(0);
    expect(maxAttemptsPerRequest(attempts)).toBeGreaterThanOrEqual(2);
    expect(maxAttemptsPerRequest(attempts)).toBeLessThanOrEqual(1 + MAX_RETRIES);
  });

  it('several stale pooled sockets at once (a server restart) are worked through within the default maxRetries', async () => {
    const before = await serve('none');
    const failing = await run(original, 'stale-pool.mjs', before.url);
    expect(failing.result).toMatchObject({ completed: 0, errors: ['ECONNRESET'], pooled: 3 });
    await before.close();

    const after = await serve('none');
    const outcome = await run(rewritten, 'stale-pool.mjs', after.url);
    expect(outcome.result).toMatchObject({ completed: 1, pooled: 3 });
    // Three stale sockets, reset one after the other, then a fresh one: 1 + 3 attempts.
    expect(after.stats().attempts['/after-restart']).toBe(1 + MAX_RETRIES);
  });

  it('a body written with write() and end() arrives complete and identical on the retry', async () => {
    const raceServer = await serve('after-body');
    const outcome = await run(rewritten, 'promise-upload.mjs', raceServer.url, { REQUESTS: '3' });
    expect(outcome.result).toMatchObject({ completed: 3, errors: [] });
    const { bodies, attempts } = raceServer.stats();
    const retried = Object.keys(attempts).filter((requestPath) => (attempts[requestPath] ?? 0) > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const requestPath of retried) {
      const index = Number(requestPath.split('/').at(-1));
      const expected = `${JSON.stringify({ index, text: 'x'.repeat(index * 1000) })}\n`;
      expect(bodies[requestPath]).toEqual(Array.from({ length: attempts[requestPath] ?? 0 }, () => expected));
    }
  });
});

describe('what must not be replayed is not', () => {
  it('a POST without an idempotency key is sent once and its error reaches the handler exactly once', async () => {
    const raceServer = await serve('before-body');
    const outcome = await run(rewritten, 'orders.mjs', raceServer.url, { METHOD: 'POST', REQUESTS: '3' });
    expect(outcome.result).toMatchObject({ errors: ['ECONNRESET'], errorHandlerCalls: 1 });
    const { attempts, methods } = raceServer.stats();
    expect(maxAttemptsPerRequest(attempts)).toBe(1);
    expect(Object.values(methods).flat().every((method) => method === 'POST')).toBe(true);
  });

  it('with an Idempotency-Key the same POST is retried, and completes', async () => {
    const raceServer = await serve('before-body');
    const outcome = await run(rewritten, 'orders.mjs', raceServer.url, { METHOD: 'POST', IDEMPOTENCY_KEY: 'order', REQUESTS: '3' });
    expect(outcome.result).toMatchObject({ completed: 3, errors: [], errorHandlerCalls: 0 });
    expect(maxAttemptsPerRequest(raceServer.stats().attempts)).toBe(2);
  });

  it('a method chosen at run time is judged at run time: PUT is retried', async () => {
    const raceServer = await serve('before-body');
    const outcome = await run(rewritten, 'orders.mjs', raceServer.url, { METHOD: 'PUT', REQUESTS: '3' });
    expect(outcome.result).toMatchObject({ completed: 3, errors: [] });
  });

  it('connection refused is not retried and reaches the handler once per request', async () => {
    const closed = await startRaceServer();
    const { url } = closed;
    await closed.close();
    const outcome = await run(rewritten, 'resolve-on-error.mjs', url, { REQUESTS: '3' });
    expect(outcome.result).toEqual({ completed: 0, errors: ['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED'], errorHandlerCalls: 3 });
  });

  it('a reset on a fresh socket is not retried and reaches the handler once per request', async () => {
    const raceServer = await serve('fresh');
    const outcome = await run(rewritten, 'resolve-on-error.mjs', raceServer.url, { REQUESTS: '3' });
    expect(outcome.result).toEqual({ completed: 0, errors: ['ECONNRESET', 'ECONNRESET', 'ECONNRESET'], errorHandlerCalls: 3 });
    expect(maxAttemptsPerRequest(raceServer.stats().attempts)).toBe(1);
  });

  it.each(['resolve-on-error.mjs', 'promise-upload.mjs'])(
    '%s: a reset after the response started is not retried; the program behaves exactly as the original',
    async (program) => {
      const outcomes = [];
      for (const directory of [original, rewritten]) {
        const raceServer = await serve('after-headers');
        const outcome = await run(directory, program, raceServer.url, { REQUESTS: '3' });
        outcomes.push({ code: outcome.code, result: outcome.result, attempts: raceServer.stats().attempts });
        await raceServer.close();
        server = undefined;
      }
      expect(outcomes[1]).toEqual(outcomes[0]);
      expect(maxAttemptsPerRequest(outcomes[1]?.attempts ?? {})).toBe(1);
    },
  );
});
