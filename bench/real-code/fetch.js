// Fetches the real-code corpus (./corpus.js) with `npm pack` into a cache
// folder outside any git tree (os.tmpdir()), unpacks it once and reuses it.
// Run by hand: `node bench/real-code/fetch.js` prints the folder, one
// subfolder per package (the spec with @ and / replaced by _), each holding
// the tarball's `package/`. Not part of any test.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGES } from './corpus.js';

/**
 * Packs and unpacks `packages` (once) into a folder named after `label` and
 * the list, and returns the folder. An entry is a spec, or `{ spec, only }`
 * to keep only the tarball's `package/<only>` folder.
 */
export function unpackedPackages(label, packages) {
  const entries = packages.map((entry) => (typeof entry === 'string' ? { spec: entry } : entry));
  const list = entries.map(({ spec, only }) => (only ? `${spec} ${only}` : spec));
  const key = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12);
  const root = path.join(tmpdir(), `keepalive-guard-${label}-${key}`);
  const done = path.join(root, '.complete');
  if (existsSync(done)) return root;
  rmSync(root, { recursive: true, force: true });
  const tarballs = path.join(root, '.tarballs');
  mkdirSync(tarballs, { recursive: true });
  for (const { spec, only } of entries) {
    process.stderr.write(`fetching ${spec}\n`);
    const file = execFileSync('npm', ['pack', spec, '--pack-destination', tarballs, '--silent'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1);
    const target = path.join(root, spec.replace(/[@/]/g, '_'));
    mkdirSync(target);
    execFileSync('tar', ['-xzf', path.join(tarballs, file), '-C', target, ...(only ? [`package/${only}`] : [])]);
  }
  rmSync(tarballs, { recursive: true, force: true });
  writeFileSync(done, `${list.join('\n')}\n`);
  return root;
}

/** Unpacks the real-code corpus (once) and returns its folder. */
export function realCodeRoot() {
  return unpackedPackages('real-code', PACKAGES);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(realCodeRoot());
}
