import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/** Repository-sized runs: symbolic links, `--shard`, and what the summary says, with the real CLI in temporary git repositories. */
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const cli = path.join(here, '..', 'dist', 'cli.js');
const seed = readFileSync(path.join(fixtures, 'seed.input.js'), 'utf8');
const seedFixed = readFileSync(path.join(fixtures, 'seed.output.js'), 'utf8');

let work: string;
afterEach(() => rmSync(work, { recursive: true, force: true }));

function repository(): string {
  work = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-repo-'));
  const repo = path.join(work, 'repo');
  mkdirSync(path.join(repo, 'src'), { recursive: true });
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'repo', private: true, engines: { node: '>=20' } }));
  return repo;
}

function commit(repo: string): void {
  execFileSync('git', ['init', '-q'], { cwd: repo });
  execFileSync('git', ['add', '.'], { cwd: repo });
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.test', 'commit', '-qm', 'initial'], { cwd: repo });
}

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('symbolic links stay links', () => {
  it('writes through a link whose target is inside the given paths, once; leaves one pointing outside, one to a folder, and a loop', () => {
    const repo = repository();
    const outside = path.join(work, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'shared.js'), seed);
    writeFileSync(path.join(repo, 'src', 'poll.js'), seed);
    symlinkSync('poll.js', path.join(repo, 'src', 'poll-link.js'));
    symlinkSync('poll.js', path.join(repo, 'src', 'poll-other-link.js'));
    symlinkSync(path.join(outside, 'shared.js'), path.join(repo, 'src', 'shared.js'));
    mkdirSync(path.join(repo, 'src', 'vendor'));
    writeFileSync(path.join(repo, 'src', 'vendor', 'README.md'), 'vendored\n');
    symlinkSync('vendor', path.join(repo, 'src', 'vendor.js'));
    symlinkSync('loop-b.js', path.join(repo, 'src', 'loop-a.js'));
    symlinkSync('loop-a.js', path.join(repo, 'src', 'loop-b.js'));
    commit(repo);

    const result = run(repo, 'src');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 files scanned: 1 changed');
    expect(readFileSync(path.join(repo, 'src', 'poll.js'), 'utf8')).toBe(seedFixed);
    // Each link is still a link to what it pointed at; the file outside is untouched.
    for (const [link, target] of [
      ['poll-link.js', 'poll.js'],
      ['poll-other-link.js', 'poll.js'],
      ['shared.js', path.join(outside, 'shared.js')],
      ['vendor.js', 'vendor'],
      ['loop-a.js', 'loop-b.js'],
    ]) {
      expect(lstatSync(path.join(repo, 'src', link as string)).isSymbolicLink(), link).toBe(true);
      expect(readlinkSync(path.join(repo, 'src', link as string)), link).toBe(target);
    }
    expect(readFileSync(path.join(outside, 'shared.js'), 'utf8')).toBe(seed);
    expect(result.stderr).toContain(`link left src/shared.js: a symbolic link to ${path.join(outside, 'shared.js')}, outside the given paths: not followed`);
    expect(result.stderr).toContain('link left src/vendor.js: a symbolic link to a folder: not followed');
    expect(result.stderr).toContain('link left src/loop-a.js: a symbolic link in a loop');
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe(' M src/poll.js\n');
  });

  it('follows a link into another given path, and lists the links it leaves in the JSON report', () => {
    const repo = repository();
    mkdirSync(path.join(repo, 'lib'));
    writeFileSync(path.join(repo, 'lib', 'client.js'), seed);
    symlinkSync(path.join('..', 'lib', 'client.js'), path.join(repo, 'src', 'client.js'));
    commit(repo);
    const linkOnly = run(repo, '--json', '--check', 'src');
    expect((JSON.parse(linkOnly.stdout) as { linksLeft: { file: string }[] }).linksLeft).toEqual([
      { file: 'src/client.js', reason: expect.stringContaining('outside the given paths') },
    ]);
    const both = run(repo, 'src', 'lib');
    expect(both.code).toBe(0);
    expect(both.stderr).toContain('1 files scanned: 1 changed');
    expect(lstatSync(path.join(repo, 'src', 'client.js')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(repo, 'lib', 'client.js'), 'utf8')).toBe(seedFixed);
  });
});

describe('--shard', () => {
  it('splits the files into disjoint parts whose union is the unsharded run', () => {
    const repo = repository();
    for (let index = 0; index < 24; index += 1) writeFileSync(path.join(repo, 'src', `client-${index}.js`), seed);
    writeFileSync(path.join(repo, 'src', 'util.js'), 'export const add = (a, b) => a + b;\n');
    commit(repo);
    const filesOf = (...args: string[]) =>
      (JSON.parse(run(repo, '--json', '--check', ...args, 'src').stdout) as { files: { file: string; status: string }[] }).files.map(
        (file) => `${file.file}:${file.status}`,
      );
    const all = filesOf();
    const shards = [1, 2, 3].map((index) => filesOf('--shard', `${index}/3`));
    expect(shards.every((shard) => shard.length > 0)).toBe(true);
    expect(shards.flat().sort()).toEqual([...all].sort());
    expect(new Set(shards.flat()).size).toBe(all.length);
    // The same split from another folder: by the path in the repository, not as given.
    const fromSrc = (JSON.parse(run(path.join(repo, 'src'), '--json', '--check', '--shard', '2/3', '.').stdout) as { files: { file: string }[] }).files;
    expect(fromSrc.map((file) => `src/${file.file}`).sort()).toEqual(shards[1]?.map((entry) => entry.split(':')[0]).sort());
  });

  it('rejects a shard that is not i/n with 1 <= i <= n', () => {
    const repo = repository();
    commit(repo);
    for (const shard of ['0/3', '4/3', '2', 'a/b']) {
      const result = run(repo, '--shard', shard, 'src');
      expect(result.code, shard).toBe(2);
      expect(result.stderr).toContain('--shard must be <i>/<n>');
    }
  });
});

describe('the summary', () => {
  it('ends with the elapsed time, and prints no progress when stderr is not a terminal', () => {
    const repo = repository();
    cpSync(path.join(fixtures, 'seed.input.js'), path.join(repo, 'src', 'seed.js'));
    commit(repo);
    const result = run(repo, '--check', 'src');
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^ {2}in \d+\.\d s$/);
    expect(result.stderr).not.toContain('\r');
  });
});
