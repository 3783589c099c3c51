import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const cli = path.join(here, '..', 'dist', 'cli.js');
const jscodeshift = path.join(here, '..', '..', '..', 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');

let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

/** Runs the built CLI as a user would, in the temporary repository. */
function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-cli-'));
  mkdirSync(path.join(repo, 'src', 'lib'), { recursive: true });
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'app', private: true, engines: { node: '>=20' } }));
  cpSync(path.join(fixtures, 'seed.input.js'), path.join(repo, 'src', 'seed.js'));
  cpSync(path.join(fixtures, 'promise-executor.input.ts'), path.join(repo, 'src', 'lib', 'fetch.ts'));
  cpSync(path.join(fixtures, 'skip-non-idempotent.input.ts'), path.join(repo, 'src', 'charge.ts'));
  writeFileSync(path.join(repo, 'src', 'util.js'), 'export const add = (a, b) => a + b;\n');
  mkdirSync(path.join(repo, 'node_modules', 'dep'), { recursive: true });
  cpSync(path.join(fixtures, 'seed.input.js'), path.join(repo, 'node_modules', 'dep', 'index.js'));
  mkdirSync(path.join(repo, 'generated'));
  cpSync(path.join(fixtures, 'seed.input.js'), path.join(repo, 'generated', 'client.js'));
  writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\ngenerated/\n');
  git('init', '-q');
  git('add', '.');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.test', 'commit', '-qm', 'initial');
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('keepalive-guard-codemod', () => {
  it('rewrites a checkout in one run; a second run changes nothing', () => {
    const first = run('.');
    expect(first.stderr).toContain('4 files scanned: 2 changed, 1 unchanged, 1 skipped (no http), 0 failed');
    expect(first.stderr).toContain('requests: 2 rewritten, 1 left as they were');
    expect(first.stderr).toMatch(/left src\/charge\.ts:7:17 http\.request: the method is not idempotent/);
    expect(first.code).toBe(0);
    expect(read('src/seed.js')).toBe(readFileSync(path.join(fixtures, 'seed.output.js'), 'utf8'));
    expect(read('src/lib/fetch.ts')).toBe(readFileSync(path.join(fixtures, 'promise-executor.output.ts'), 'utf8'));
    expect(read('src/charge.ts')).toBe(readFileSync(path.join(fixtures, 'skip-non-idempotent.input.ts'), 'utf8'));
    // node_modules and what .gitignore lists are never touched.
    expect(read('node_modules/dep/index.js')).toBe(readFileSync(path.join(fixtures, 'seed.input.js'), 'utf8'));
    expect(read('generated/client.js')).toBe(readFileSync(path.join(fixtures, 'seed.input.js'), 'utf8'));
    // No temporary files are left behind by the atomic writes.
    expect(readdirSync(path.join(repo, 'src')).sort()).toEqual(['charge.ts', 'lib', 'seed.js', 'util.js']);

    git('-c', 'user.name=Test', '-c', 'user.email=test@example.test', 'commit', '-qam', 'rewrite');
    const second = run('src');
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('0 changed');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('refuses to write into a working tree with uncommitted changes unless --force', () => {
    writeFileSync(path.join(repo, 'src', 'util.js'), 'export const add = (a, b) => b + a;\n');
    const refused = run('src');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('has uncommitted changes');
    expect(read('src/seed.js')).toBe(readFileSync(path.join(fixtures, 'seed.input.js'), 'utf8'));

    // Modes that never write never refuse.
    expect(run('--check', 'src').code).toBe(1);
    expect(run('--dry', 'src').code).toBe(0);

    const forced = run('--force', 'src');
    expect(forced.code).toBe(0);
    expect(read('src/seed.js')).toBe(readFileSync(path.join(fixtures, 'seed.output.js'), 'utf8'));
  });

  it('--dry prints a unified diff and writes nothing', () => {
    const result = run('--dry', 'src/seed.js');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--- src/seed.js');
    expect(result.stdout).toContain('+++ src/seed.js');
    expect(result.stdout).toContain("-  http.get('http://localhost:3000', { agent }, (res) => {");
    expect(result.stdout).toContain('+  const send = (attempt = 0) => {');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('--print prints the new text and writes nothing', () => {
    const result = run('--print', 'src/seed.js');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(fixtures, 'seed.output.js'), 'utf8'));
    expect(git('status', '--porcelain')).toBe('');
  });

  it('--check exits 1 while a rewrite is pending and 0 when none is', () => {
    const pending = run('--check', 'src');
    expect(pending.code).toBe(1);
    expect(pending.stderr).toContain('2 would change');
    expect(git('status', '--porcelain')).toBe('');
    expect(run('--check', 'src/charge.ts', 'src/util.js').code).toBe(0);
    run('src');
    expect(run('--check', 'src').code).toBe(0);
  });

  it('--json reports every file and every finding', () => {
    const result = run('--json', '--check', 'src');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      mode: string;
      files: { file: string; status: string; findings: object[] }[];
      summary: Record<string, unknown>;
    };
    expect(report.mode).toBe('check');
    expect(report.files.map((file) => [file.file, file.status])).toEqual([
      ['src/charge.ts', 'unchanged'],
      ['src/lib/fetch.ts', 'changed'],
      ['src/seed.js', 'changed'],
      ['src/util.js', 'skipped'],
    ]);
    expect(report.files[0]?.findings).toEqual([
      {
        file: 'src/charge.ts',
        line: 7,
        column: 17,
        callee: 'http.request',
        status: 'skipped',
        reason: 'non-idempotent',
        message: expect.stringContaining('not idempotent'),
      },
    ]);
    expect(report.files[2]?.findings).toEqual([{ file: 'src/seed.js', line: 15, column: 3, callee: 'http.get', status: 'rewritten' }]);
    expect(report.summary).toMatchObject({ scanned: 4, changed: 2, rewritten: 2, left: 1, leftByReason: { 'non-idempotent': 1 } });
  });

  it('leaves a file it cannot parse byte for byte, processes the rest, and exits 3', () => {
    const broken = readFileSync(path.join(fixtures, 'skip-syntax-error.input.js'));
    writeFileSync(path.join(repo, 'src', 'broken.js'), broken);
    git('add', '.');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.test', 'commit', '-qm', 'broken');
    const result = run('src');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/failed src\/broken\.js:4:\d+: Unexpected token/);
    expect(readFileSync(path.join(repo, 'src', 'broken.js')).equals(broken)).toBe(true);
    expect(read('src/seed.js')).toBe(readFileSync(path.join(fixtures, 'seed.output.js'), 'utf8'));
  });

  it('usage errors and missing paths exit 2 with a clear message', () => {
    const missing = run('src/nope.js');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory: src/nope.js');
    expect(run().code).toBe(2);
    expect(run('--max-retries', 'many', 'src').stderr).toContain("--max-retries must be a whole number from 1 to 10 (got 'many')");
    expect(run('--dry', '--check', 'src').code).toBe(2);
    expect(run('--frobnicate', 'src').code).toBe(2);
    expect(git('status', '--porcelain')).toBe('');
  });

  it('passes the analysis options through: --max-retries, --global-agent, --extensions, --ignore-pattern', () => {
    expect(run('--max-retries', '5', 'src/seed.js').code).toBe(0);
    expect(read('src/seed.js')).toContain('attempt < 5 &&');
    writeFileSync(path.join(repo, 'src', 'plain.js'), "import https from 'node:https';\nhttps.get('https://example.test', (res) => res.resume());\n");
    expect(run('--check', '--global-agent', 'off', 'src/plain.js').code).toBe(0);
    expect(run('--check', '--global-agent', 'keep-alive', 'src/plain.js').code).toBe(1);
    expect(run('--check', '--extensions', 'ts', 'src/plain.js').code).toBe(0);
    expect(run('--check', '--ignore-pattern', '**/plain.js', 'src/plain.js').code).toBe(0);
  });

  it('--no-report-unresolved-agent leaves requests whose options come from a caller, and axios on its default agent, unlisted', () => {
    cpSync(path.join(fixtures, 'unresolved-agent.input.js'), path.join(repo, 'src', 'status.js'));
    writeFileSync(path.join(repo, 'src', 'api.js'), "import axios from 'axios';\nexport const get = () => axios.get('https://example.test/');\n");
    const listed = JSON.parse(run('--check', '--json', 'src/status.js', 'src/api.js').stdout) as { files: { findings: { status: string; reason?: string }[] }[] };
    expect(listed.files.flatMap((file) => file.findings.map((finding) => finding.reason ?? finding.status)).sort()).toEqual(['client-axios', 'rewritten']);
    const left = run('--check', '--json', '--no-report-unresolved-agent', 'src/status.js', 'src/api.js');
    expect(left.code).toBe(0);
    expect((JSON.parse(left.stdout) as { files: { findings: unknown[] }[] }).files.flatMap((file) => file.findings)).toEqual([]);
  });

  it('--no-fast-parser parses with espree and typescript-estree alone, with the same result', () => {
    writeFileSync(path.join(repo, 'src', 'decorated.ts'), "import https from 'node:https';\n@sealed class A {}\nhttps.get('https://example.test', (res) => res.resume());\n");
    const withoutElapsed = (text: string) => text.replace(/ in \d+(?:\.\d+)? m?s/g, '');
    const fast = run('--dry', '--json', 'src');
    const reference = run('--dry', '--json', '--no-fast-parser', 'src');
    expect(reference.code).toBe(fast.code);
    expect(reference.stdout).toBe(fast.stdout);
    expect(withoutElapsed(reference.stderr)).toBe(withoutElapsed(fast.stderr));
    expect((JSON.parse(fast.stdout) as { summary: { changed: number } }).summary.changed).toBe(3);
  });

  it('spreads a large tree over worker threads with the same result', () => {
    for (let index = 0; index < 450; index += 1) {
      cpSync(path.join(fixtures, index % 3 === 0 ? 'seed.input.js' : 'promise-executor.input.ts'), path.join(repo, 'src', `f${index}${index % 3 === 0 ? '.js' : '.ts'}`));
    }
    const result = run('--json', '--check', '--workers', '2', 'src');
    const report = JSON.parse(result.stdout) as { summary: { scanned: number; changed: number; rewritten: number } };
    expect(report.summary).toMatchObject({ scanned: 454, changed: 452, rewritten: 452 });
  });

  it('runs as a jscodeshift transform', () => {
    const result = spawnSync(process.execPath, [jscodeshift, '--no-babel', '-t', path.join(here, '..', 'dist', 'transform.js'), '--extensions=js,ts', 'src'], {
      cwd: repo,
      encoding: 'utf8',
      // jscodeshift colours its summary on CI (CI=true) unless told not to.
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    // Files returned as undefined are counted as skipped: never rewritten.
    expect(result.stdout).toMatch(/0 errors\n0 unmodified\n2 skipped\n2 ok/);
    expect(read('src/seed.js')).toBe(readFileSync(path.join(fixtures, 'seed.output.js'), 'utf8'));
    expect(read('src/charge.ts')).toBe(readFileSync(path.join(fixtures, 'skip-non-idempotent.input.ts'), 'utf8'));
  });

  it('takes its options from jscodeshift flags', () => {
    spawnSync(process.execPath, [jscodeshift, '--no-babel', '-t', path.join(here, '..', 'dist', 'transform.js'), '--maxRetries=5', 'src/seed.js'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(read('src/seed.js')).toContain('attempt < 5 &&');
  });
});
