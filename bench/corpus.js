// The benchmark corpus: pinned npm packages, fetched with `npm pack` into a
// cache folder outside any git tree (os.tmpdir()), unpacked once and reused.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Real third-party code: HTTP clients (where the rule has work) among much that is not. */
export const PACKAGES = [
  'axios@1.7.9',
  'date-fns@2.30.0',
  'eslint@9.17.0',
  'express@4.21.2',
  'got@11.8.6',
  'lodash@4.17.21',
  'moment@2.30.1',
  'node-fetch@2.7.0',
  'request@2.88.2',
  'rxjs@7.8.1',
  'superagent@8.1.2',
  'typescript@5.7.3',
  'undici@6.21.0',
  'webpack@5.97.1',
  'ws@8.18.0',
];

export const SOURCE_FILE = /\.(?:[cm]?js|[cm]?ts)$/;

/** Unpacks the corpus (once) and returns its folder, one subfolder per package. */
export function corpusRoot() {
  const key = createHash('sha256').update(PACKAGES.join('\n')).digest('hex').slice(0, 12);
  const root = path.join(tmpdir(), `keepalive-guard-bench-${key}`);
  const done = path.join(root, '.complete');
  if (existsSync(done)) return root;
  rmSync(root, { recursive: true, force: true });
  const tarballs = path.join(root, '.tarballs');
  mkdirSync(tarballs, { recursive: true });
  for (const spec of PACKAGES) {
    process.stderr.write(`fetching ${spec}\n`);
    const file = execFileSync('npm', ['pack', spec, '--pack-destination', tarballs, '--silent'], { encoding: 'utf8' }).trim().split('\n').at(-1);
    const target = path.join(root, spec.replace(/[@/]/g, '_'));
    mkdirSync(target);
    execFileSync('tar', ['-xzf', path.join(tarballs, file), '-C', target]);
  }
  rmSync(tarballs, { recursive: true, force: true });
  execFileSync('touch', [done]);
  return root;
}

/** The corpus' source files (not .d.ts), relative to its root and sorted; `half` takes every other one. */
export function sourceFiles(root, { half = false } = {}) {
  const files = [];
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (SOURCE_FILE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
        files.push(path.relative(root, full));
      }
    }
  };
  walk(root);
  files.sort();
  return half ? files.filter((_, index) => index % 2 === 0) : files;
}

export function totalBytes(root, files) {
  return files.reduce((total, file) => total + statSync(path.join(root, file)).size, 0);
}
