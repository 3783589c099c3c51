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

/** Unpacks the corpus (once) and returns its folder. */
export function realCodeRoot() {
  const key = createHash('sha256').update(PACKAGES.join('\n')).digest('hex').slice(0, 12);
  const root = path.join(tmpdir(), `keepalive-guard-real-code-${key}`);
  const done = path.join(root, '.complete');
  if (existsSync(done)) return root;
  rmSync(root, { recursive: true, force: true });
  const tarballs = path.join(root, '.tarballs');
  mkdirSync(tarballs, { recursive: true });
  for (const spec of PACKAGES) {
    process.stderr.write(`fetching ${spec}\n`);
    const file = execFileSync('npm', ['pack', spec, '--pack-destination', tarballs, '--silent'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1);
    const target = path.join(root, spec.replace(/[@/]/g, '_'));
    mkdirSync(target);
    execFileSync('tar', ['-xzf', path.join(tarballs, file), '-C', target]);
  }
  rmSync(tarballs, { recursive: true, force: true });
  writeFileSync(done, `${PACKAGES.join('\n')}\n`);
  return root;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(realCodeRoot());
}
