import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startRaceServer } from '../../../test/support/race-server.js';

/**
 * `--helper-module`: one helper per package, in temporary git repositories,
 * with the real CLI, TypeScript's compiler and programs run against a server
 * that resets every reused connection.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..', '..');
const fixtures = path.join(here, 'fixtures');
const programs = path.join(root, 'test', 'e2e', 'programs');
const cli = path.join(here, '..', 'dist', 'cli.js');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const HELPER = './src/lib/reused-socket.js';
const COPY = /^function (?:shouldRetryOnReusedSocket|snapshotForRetry|onFirstAttempt)\(/m;

let repo: string;
afterEach(() => rmSync(repo, { recursive: true, force: true }));

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.test', ...args], { cwd: repo, encoding: 'utf8' });
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

/** A package with an ES module, CommonJS files and TypeScript, committed. */
function mixedPackage(packageJson: object = { name: 'mixed', private: true, engines: { node: '>=20.19' } }): void {
  repo = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-helper-'));
  write('package.json', JSON.stringify(packageJson));
  cpSync(path.join(programs, 'orders.mjs'), path.join(repo, 'src', 'orders.mjs'));
  cpSync(path.join(programs, 'destructured-get.cjs'), path.join(repo, 'src', 'destructured-get.cjs'));
  cpSync(path.join(fixtures, 'es5.input.js'), path.join(repo, 'src', 'legacy.js'));
  cpSync(path.join(fixtures, 'promise-executor.input.ts'), path.join(repo, 'src', 'fetch.ts'));
  cpSync(path.join(fixtures, 'snapshot.input.js'), path.join(repo, 'src', 'snapshot.mjs'));
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'initial');
}

/** Runs a program against the race server and a healthy one: what it printed in each. */
async function raceAndHealthy(file: string, env: Record<string, string> = {}) {
  const outputs: string[] = [];
  for (const mode of ['none', 'before-body'] as const) {
    const server = await startRaceServer({ mode });
    try {
      // Asynchronously: the server answers from this process.
      const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          [path.join(repo, file)],
          { cwd: repo, encoding: 'utf8', env: { ...process.env, TARGET_URL: server.url, REQUESTS: '4', ...env }, timeout: 30_000 },
          (error, stdout) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
        );
      });
      outputs.push(`${result.code}\n${result.stdout}`);
    } finally {
      await server.close();
    }
  }
  return { healthy: outputs[0], racing: outputs[1] };
}

describe('--helper-module', () => {
  it('writes one helper, imports it by each file’s module type, type-checks, runs, and changes nothing on a second run', async () => {
    mixedPackage();
    const first = run('--global-agent', 'keep-alive', '--helper-module', HELPER, 'src');
    expect(first.stderr).toContain('helper module src/lib/reused-socket.js written');
    expect(first.stderr).toContain('helper module src/lib/reused-socket.d.ts written');
    expect(first.code).toBe(0);
    // CommonJS package: a CommonJS helper; each file imports it its own way.
    expect(read('src/lib/reused-socket.js')).toMatch(/^exports\.shouldRetryOnReusedSocket = shouldRetryOnReusedSocket;$/m);
    expect(read('src/orders.mjs')).toMatch(/^import \{ shouldRetryOnReusedSocket[\w, ]*\} from '\.\/lib\/reused-socket\.js';$/m);
    expect(read('src/destructured-get.cjs')).toContain("const { shouldRetryOnReusedSocket } = require('./lib/reused-socket.js');");
    expect(read('src/legacy.js')).toContain("var shouldRetryOnReusedSocket = require('./lib/reused-socket.js').shouldRetryOnReusedSocket;");
    expect(read('src/fetch.ts')).toContain("import { shouldRetryOnReusedSocket } from './lib/reused-socket.js';");
    expect(read('src/fetch.ts')).toContain('shouldRetryOnReusedSocket(req, err, attempt, 3)');
    for (const file of ['src/orders.mjs', 'src/destructured-get.cjs', 'src/legacy.js', 'src/fetch.ts', 'src/snapshot.mjs']) {
      expect(read(file), file).not.toMatch(COPY);
    }

    // tsc --strict, with the declaration file beside the helper.
    const checked = spawnSync(
      process.execPath,
      [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(root, 'node_modules', '@types'), path.join(repo, 'src', 'fetch.ts')],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);

    // The rewritten programs complete as when healthy against a server that resets every reused connection.
    for (const [file, env] of [['src/destructured-get.cjs', {}], ['src/orders.mjs', { METHOD: 'PUT' }]] as const) {
      const { healthy, racing } = await raceAndHealthy(file, env);
      expect(racing, file).toBe(healthy);
    }

    git('add', '.');
    git('commit', '-qm', 'rewrite');
    const second = run('--global-agent', 'keep-alive', '--helper-module', HELPER, 'src');
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('helper module');
    expect(git('status', '--porcelain')).toBe('');
  }, 120_000);

  it('replaces the copies an earlier run put in each file by the import, keeping their bound', () => {
    mixedPackage();
    expect(run('--global-agent', 'keep-alive', '--max-retries', '5', 'src').code).toBe(0);
    expect(read('src/snapshot.mjs')).toMatch(COPY);
    // A copy the file hands out is kept: its other callers pass no bound.
    appendFileSync(path.join(repo, 'src', 'destructured-get.cjs'), 'module.exports.shouldRetryOnReusedSocket = shouldRetryOnReusedSocket;\n');
    git('commit', '-qam', 'per-file helpers');
    const result = run('--global-agent', 'keep-alive', '--helper-module', HELPER, 'src');
    expect(result.code).toBe(0);
    expect(read('src/destructured-get.cjs')).toMatch(COPY);
    for (const file of ['src/orders.mjs', 'src/legacy.js', 'src/fetch.ts', 'src/snapshot.mjs']) {
      expect(read(file), file).not.toMatch(COPY);
      expect(read(file), file).not.toMatch(/shouldRetryOnReusedSocket\(\w+, \w+, \w+\)/);
    }
    expect(read('src/snapshot.mjs')).toContain("import { shouldRetryOnReusedSocket, snapshotForRetry, onFirstAttempt } from './lib/reused-socket.js';");
    expect(read('src/snapshot.mjs')).toContain(', 5)) {');
  });

  it('gives each package of a monorepo its own helper, never one across package boundaries', () => {
    repo = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-helper-'));
    write('package.json', JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }));
    for (const name of ['a', 'b']) {
      write(`packages/${name}/package.json`, JSON.stringify({ name, type: 'module', engines: { node: '>=20.19' } }));
      cpSync(path.join(fixtures, 'seed.input.js'), path.join(repo, 'packages', name, 'src', 'seed.js'));
    }
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'initial');
    const result = run('--helper-module', 'src/lib/reused-socket.js', 'packages');
    expect(result.code).toBe(0);
    for (const name of ['a', 'b']) {
      expect(existsSync(path.join(repo, 'packages', name, 'src', 'lib', 'reused-socket.js'))).toBe(true);
      // An ES module helper (type: module), imported from inside the package.
      expect(read(`packages/${name}/src/lib/reused-socket.js`)).toContain('export function shouldRetryOnReusedSocket(');
      expect(read(`packages/${name}/src/seed.js`)).toContain("import { shouldRetryOnReusedSocket } from './lib/reused-socket.js';");
    }
    expect(existsSync(path.join(repo, 'src'))).toBe(false);

    // An absolute path in another package is not imported across the boundary: the sites are left, with the reason.
    git('checkout', '-q', '.');
    git('clean', '-qfd');
    const outside = run('--json', '--check', '--helper-module', path.join(repo, 'packages', 'a', 'src', 'lib', 'reused-socket.js'), 'packages/b');
    const report = JSON.parse(outside.stdout) as { files: { findings: { reason?: string }[] }[] };
    expect(report.files.flatMap((file) => file.findings.map((finding) => finding.reason))).toEqual(['helper-outside-package']);
  });

  it('stops, changing nothing, when the helper file was edited, is someone else’s, or is an ES module that old Node cannot require', () => {
    mixedPackage();
    write('src/lib/reused-socket.js', 'module.exports = {};\n');
    git('add', '.');
    git('commit', '-qm', 'a file of our own');
    const foreign = run('--global-agent', 'keep-alive', '--helper-module', HELPER, 'src');
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('src/lib/reused-socket.js exists and was not written by this codemod');
    expect(foreign.stderr).toContain('Nothing was changed.');
    expect(git('status', '--porcelain')).toBe('');

    rmSync(path.join(repo, 'src', 'lib'), { recursive: true });
    git('commit', '-qam', 'gone');
    expect(run('--global-agent', 'keep-alive', '--helper-module', HELPER, 'src').code).toBe(0);
    git('add', '.');
    git('commit', '-qm', 'rewrite');
    appendFileSync(path.join(repo, 'src', 'lib', 'reused-socket.js'), '// a local change\n');
    git('commit', '-qam', 'edited');
    const edited = run('--global-agent', 'keep-alive', '--helper-module', HELPER, 'src');
    expect(edited.code).toBe(2);
    expect(edited.stderr).toContain('is not the helper this version of the codemod writes');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('refuses an ES module helper that CommonJS files would require when engines.node admits Node older than 20.19', () => {
    mixedPackage({ name: 'old-node', private: true, engines: { node: '>=18' } });
    const result = run('--global-agent', 'keep-alive', '--helper-module', './src/lib/reused-socket.mjs', 'src');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/would be an ES module, and CommonJS files \(.*src\/destructured-get\.cjs.*\) would require it/);
    expect(result.stderr).toContain('Give a .cjs path');
    expect(git('status', '--porcelain')).toBe('');
    const cjs = run('--global-agent', 'keep-alive', '--helper-module', './src/lib/reused-socket.cjs', 'src');
    expect(cjs.code).toBe(0);
    expect(read('src/orders.mjs')).toContain("from './lib/reused-socket.cjs';");
    expect(existsSync(path.join(repo, 'src', 'lib', 'reused-socket.d.cts'))).toBe(true);
  });

  it('--json --dry reports the diffs inside the JSON, and prints no bare diff', () => {
    mixedPackage();
    const result = run('--json', '--dry', '--global-agent', 'keep-alive', '--helper-module', HELPER, 'src');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { helperFiles: string[]; files: { file: string; diff?: string }[] };
    expect(report.helperFiles).toEqual(['src/lib/reused-socket.js', 'src/lib/reused-socket.d.ts']);
    expect(report.files.find((file) => file.file === 'src/orders.mjs')?.diff).toContain('+import { shouldRetryOnReusedSocket');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('after writing, names the command that would reformat the changed files when the project has a formatter', () => {
    mixedPackage();
    write('eslint.config.js', 'export default [];\n');
    write('.prettierrc', '{}\n');
    git('add', '.');
    git('commit', '-qm', 'tools');
    const result = run('--global-agent', 'keep-alive', '--helper-module', HELPER, 'src');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('npx prettier --write src/destructured-get.cjs');
    expect(result.stderr).toContain('npx eslint --fix src/destructured-get.cjs');
  });
});
