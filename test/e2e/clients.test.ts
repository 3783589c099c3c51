import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OPTIONS, rewriteSource } from '@keepalive-guard/codemod';
import { Linter } from 'eslint';
import keepaliveGuard from 'eslint-plugin-keepalive-guard';
import { afterEach, describe, expect, it } from 'vitest';
import { type RaceServer, startRaceServer } from '../support/race-server.js';

/**
 * What the rule says about a client, checked against what the client does:
 * each program sends three GETs through a keep-alive agent (or undici
 * dispatcher, or their default) to a server that resets every reused
 * connection. The rule must report exactly the programs that then fail, and
 * the codemod must list them, untouched, with the client's reason; the two
 * exceptions (`unreported`) are the decisions written down in the rule's docs.
 */
const programs = path.join(path.dirname(fileURLToPath(import.meta.url)), 'clients');
const RULE = 'keepalive-guard/no-unguarded-request';

const cases = [
  { program: 'axios-unguarded.mjs', client: 'axios', guarded: false, failure: /socket hang up/ },
  { program: 'axios-retry.mjs', client: 'axios', guarded: true },
  { program: 'axios-interceptor.mjs', client: 'axios', guarded: true },
  { program: 'got-no-retry.mjs', client: 'got', guarded: false, failure: /socket hang up/ },
  { program: 'got-default.mjs', client: 'got', guarded: true },
  { program: 'superagent-unguarded.mjs', client: 'superagent', guarded: false, failure: /socket hang up/ },
  { program: 'superagent-retry.mjs', client: 'superagent', guarded: true },
  { program: 'node-fetch-unguarded.mjs', client: 'node-fetch', guarded: false, failure: /socket hang up/ },
  { program: 'node-fetch-catch.mjs', client: 'node-fetch', guarded: true },
  { program: 'undici-agent.mjs', client: 'undici', guarded: false, failure: /fetch failed/ },
  { program: 'undici-retry.mjs', client: 'undici', guarded: true },
  // On their default agents (the global agent is keep-alive on Node 20):
  { program: 'axios-default.mjs', client: 'axios', guarded: false, failure: /socket hang up/, messageId: 'unguardedClientDefaultAgent' },
  // superagent's default is `agent: false` (lib/node/index.js): no socket is reused.
  { program: 'superagent-default.mjs', client: 'superagent', guarded: true, noReuse: true },
  // Exposed, and not reported: node-fetch 2 sends `Connection: close` without an agent and 3 does not, which the file does not say;
  // the global fetch would be reported in every file that uses it.
  { program: 'node-fetch-default.mjs', client: 'node-fetch', guarded: false, failure: /socket hang up/, unreported: true },
  { program: 'fetch-default.mjs', client: 'undici', guarded: false, failure: /fetch failed/, unreported: true },
] as const;

let server: RaceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function lint(file: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    readFileSync(file, 'utf8'),
    [
      {
        files: ['**/*.mjs'],
        plugins: { 'keepalive-guard': keepaliveGuard },
        rules: { [RULE]: 'error' },
        settings: { keepaliveGuard: { nodeVersion: '>=20' } },
      },
    ],
    { filename: file },
  );
}

describe.each(cases)('$program', ({ program, client, guarded, ...expected }) => {
  const file = path.join(programs, program);

  const unreported = 'unreported' in expected;
  it(guarded ? 'is not reported, and survives the race' : unreported ? 'is not reported (see the docs), and fails in the race' : 'is reported, and fails in the race', async () => {
    const messages = lint(file);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const messageId = 'messageId' in expected ? expected.messageId : 'unguardedClient';
    expect(messages.map((message) => message.messageId)).toEqual(guarded || unreported ? [] : [messageId]);

    server = await startRaceServer({ mode: 'before-body' });
    const { run } = (await import(file)) as { run(url: string): Promise<number[]> };
    const outcome = await run(server.url).then(
      (statuses) => ({ statuses }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    );
    const { attempts, resets } = server.stats();
    // The server did reset reused connections: the race happened in every case but one that never reuses a socket.
    if ('noReuse' in expected) expect(resets).toBe(0);
    else expect(resets).toBeGreaterThan(0);
    if (guarded) {
      expect(outcome).toEqual({ statuses: [200, 200, 200] });
      // Sent again, but boundedly: the first attempt and the retry of a reset one.
      for (const count of Object.values(attempts)) expect(count).toBeLessThanOrEqual(2);
    } else {
      expect(outcome).toMatchObject({ error: expect.stringMatching('failure' in expected ? expected.failure : /$^/) });
    }
  });

  it(guarded || unreported ? 'is not listed by the codemod' : 'is listed by the codemod with how to guard it, and left as it is', () => {
    const result = rewriteSource(readFileSync(file, 'utf8'), file, DEFAULT_OPTIONS);
    expect(result.output).toBeUndefined();
    expect(result.sites.map((site) => site.reason)).toEqual(guarded || unreported ? [] : [`client-${client}`]);
    if (!guarded && !unreported) expect(result.sites[0]?.message).toMatch(/^\S+ sends it, which the codemod does not rewrite; to guard it, /);
  });
});

it('axios: with its default redirect handling, the socket’s request is the follow-redirects wrapper’s _currentRequest', async () => {
  server = await startRaceServer({ mode: 'before-body' });
  const { run, reusedSocketsSeen } = (await import(path.join(programs, 'axios-interceptor.mjs'))) as {
    run(url: string): Promise<number[]>;
    reusedSocketsSeen: unknown[];
  };
  reusedSocketsSeen.length = 0;
  await run(server.url);
  // Two reused-socket resets (the second and third request), each seen once by the interceptor.
  expect(reusedSocketsSeen).toEqual([
    { onWrapper: undefined, onCurrentRequest: true },
    { onWrapper: undefined, onCurrentRequest: true },
  ]);
});
