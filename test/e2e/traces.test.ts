import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RaceMode } from '../support/race-server.js';
import { type Trace, differences, healthyView, mayBeResent, noisyPaths, racingViolations, traceProgram } from '../support/traces.js';

/**
 * The differential oracle (issue: rewrites that can never make things
 * worse). Every runnable program is run before and after the real codemod
 * CLI against the race server, and the traces are compared:
 * - healthy (`none`): the output's trace equals the input's, leaving out what
 *   differs between two runs of the input;
 * - `before-body`, `after-body`, `stale-pool` (the race): every request the
 *   server sees is one the healthy program sends, each attempt of a request is
 *   the same request, within 1 + maxRetries attempts, and a request that may
 *   not be resent is not; a program whose sites were all rewritten and whose
 *   requests may all be resent behaves as when healthy;
 * - `after-headers` and `fresh` (resets that are not the race): the output
 *   behaves exactly as the input.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const cli = path.join(root, 'packages', 'codemod', 'dist', 'cli.js');
const MAX_RETRIES = 3;

const programDirectories = [path.join(here, 'programs'), path.join(here, 'traced')];
const programs = programDirectories.flatMap((directory) =>
  readdirSync(directory)
    .filter((file) => /\.(?:mjs|cjs|js|ts)$/.test(file))
    .map((file) => ({ directory, file })),
);

/**
 * The codemod fixtures are snippets, not programs: none of them can run on
 * its own against a server. Each is listed here with why, and stays covered
 * by the fixture and parity tests.
 */
export const FIXTURES_LEFT_OUT: Readonly<Record<string, string>> = Object.fromEntries(
  readdirSync(path.join(root, 'packages', 'codemod', 'test', 'fixtures'))
    .filter((file) => file.includes('.input.'))
    .map((file) => [file, 'a snippet: its agent, server address or caller is not part of it, so it cannot run on its own']),
);

/**
 * Programs whose rewrite cannot make every request complete in the racing
 * modes, with why; every other check still applies to them.
 */
const NOT_EXPECTED_TO_COMPLETE: Readonly<Record<string, string>> = {
  'a-var-loop-ids.cjs':
    'requests queued by maxSockets: 1 get their socket straight from the finished request, with reusedSocket false, so Node cannot tell the race from a fresh connection (out of scope, see the codemod README)',
  'a-url-mutated-after-get.mjs': 'the same: two requests at once through maxSockets: 1',
  'a-shared-options-put.cjs': 'the same: four PUTs at once through maxSockets: 1 (rewritten since its options, a parameter of put(), count as exposed)',
};

/**
 * Programs on which the rewrite is known to break a promise, with why: they
 * run, and must still fail, so that a fix shows (and is then moved out).
 */
const KNOWN_LIMITATIONS: Readonly<Record<string, string>> = {
  'd-header-builder-class.mjs':
    'headers held in a class instance, changed after the call: snapshotForRetry keeps class instances as they are (copying one could break it, as a URL path object shows), so the retry sends the change',
  'd-path-builder-tostring.mjs':
    "a path object whose toString() the program counts: Node calls it as it builds each attempt, so a retry runs it again",
  'd-traceparent-header-object.cjs': 'the same with header values that are objects with a toString()',
};

/** Programs that are not run, with why. */
const NOT_RUN: Readonly<Record<string, string>> = {
  'stale-pool.mjs':
    'it has the server play a restart itself (/__stale), so it has no healthy run to compare with; keep-alive-race.test.ts checks it',
};

/** What the codemod does with each site of each program, in order: `rewritten` or the skip reason. */
const EXPECTED_SITES: Readonly<Record<string, readonly string[]>> = JSON.parse(
  readFileSync(path.join(here, 'traced', 'expected-sites.json'), 'utf8'),
) as Record<string, readonly string[]>;

let original: string;
let rewritten: string;
const sitesByFile = new Map<string, string[]>();

beforeAll(() => {
  original = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-traces-original-'));
  rewritten = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-traces-rewritten-'));
  for (const directory of [original, rewritten]) {
    for (const { directory: from, file } of programs) cpSync(path.join(from, file), path.join(directory, file));
    // What a project of these programs would say: ES modules on Node 20, whose global agent keeps sockets alive.
    writeFileSync(path.join(directory, 'package.json'), JSON.stringify({ type: 'module', engines: { node: '>=20.19' } }));
  }
  const report = JSON.parse(
    execFileSync(process.execPath, [cli, '--json', '--max-retries', String(MAX_RETRIES), rewritten], { encoding: 'utf8' }),
  ) as { files: { file: string; findings: { status: string; reason?: string }[] }[] };
  for (const { file, findings } of report.files) {
    sitesByFile.set(
      path.basename(file),
      findings.map((finding) => (finding.status === 'rewritten' ? 'rewritten' : (finding.reason ?? finding.status))),
    );
  }
}, 120_000);

afterAll(() => {
  rmSync(original, { recursive: true, force: true });
  rmSync(rewritten, { recursive: true, force: true });
});

const changed = (file: string) => readFileSync(path.join(original, file), 'utf8') !== readFileSync(path.join(rewritten, file), 'utf8');

describe('the codemod on every program', () => {
  it('leaves out no program, and says why for each fixture it does not run', () => {
    expect(programs.length).toBeGreaterThanOrEqual(36);
    expect(Object.keys(EXPECTED_SITES).sort()).toEqual(programs.map(({ file }) => file).sort());
    for (const reason of Object.values(FIXTURES_LEFT_OUT)) expect(reason).not.toBe('');
  });

  it.each(programs.map(({ file }) => file))('%s: rewrites or skips each site as expected', (file) => {
    expect(sitesByFile.get(file) ?? []).toEqual(EXPECTED_SITES[file]);
    if (!(EXPECTED_SITES[file] ?? []).includes('rewritten')) expect(changed(file)).toBe(false);
  });

  it('rewritten TypeScript programs still pass tsc --strict', () => {
    const outputs = programs.filter(({ file }) => file.endsWith('.ts')).map(({ file }) => path.join(rewritten, file));
    expect(outputs.length).toBeGreaterThan(0);
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--ignoreConfig', '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
    args.push('--target', 'es2022', '--types', 'node', '--typeRoots', path.join(root, 'node_modules', '@types'), ...outputs);
    expect(() => execFileSync(process.execPath, [tsc, ...args], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  });
});

const RACING: readonly RaceMode[] = ['before-body', 'after-body', 'stale-pool'];
const NOT_THE_RACE: readonly RaceMode[] = ['after-headers', 'fresh'];

async function compareBehaviour(file: string): Promise<void> {
  if (!changed(file) || file in NOT_RUN) return; // the same text is the same program
  const input = path.join(original, file);
  const output = path.join(rewritten, file);
  const healthy: [Trace, Trace] = [await traceProgram(input, 'none'), await traceProgram(input, 'none')];
  const noise = noisyPaths(healthyView(healthy[0]), healthyView(healthy[1]));
  const afterHealthy = await traceProgram(output, 'none');
  expect(differences(healthyView(healthy[0]), healthyView(afterHealthy), noise), 'healthy: output differs from input').toEqual([]);

  const allRewritten = (EXPECTED_SITES[file] ?? []).every((site) => site === 'rewritten');
  const allResendable = healthyView(healthy[0]).requests.every(mayBeResent);
  for (const mode of RACING) {
    const inputRace = await traceProgram(input, mode);
    const outputRace = await traceProgram(output, mode);
    expect(racingViolations(healthy, inputRace, outputRace, MAX_RETRIES), `${mode}`).toEqual([]);
    if (allRewritten && allResendable && !(file in NOT_EXPECTED_TO_COMPLETE)) {
      const asHealthy = { exitCode: outputRace.exitCode, stdout: outputRace.stdout };
      const expected = { exitCode: healthy[0].exitCode, stdout: healthy[0].stdout };
      expect(differences(expected, asHealthy, noise), `${mode}: completes as when healthy`).toEqual([]);
    }
  }
  for (const mode of NOT_THE_RACE) {
    // Which request meets a reset can depend on timers; what the program did, what it sent and how many resets it met cannot.
    const view = (trace: Trace) => ({ ...healthyView(trace), resets: trace.requests.filter((request) => request.reset).length });
    const before = [view(await traceProgram(input, mode)), view(await traceProgram(input, mode))] as const;
    const after = view(await traceProgram(output, mode));
    expect(differences(before[0], after, noisyPaths(before[0], before[1])), `${mode}: output differs from input`).toEqual([]);
  }
}

const names = programs.map(({ file }) => file);

describe.concurrent('behaviour before and after the codemod', () => {
  it.each(names.filter((file) => !(file in KNOWN_LIMITATIONS)))('%s', compareBehaviour, 300_000);
  it.fails.each(names.filter((file) => file in KNOWN_LIMITATIONS))('%s (a known limitation)', compareBehaviour, 300_000);
});
