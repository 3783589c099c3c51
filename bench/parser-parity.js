// `node bench/parser-parity.js`: the parser-parity test
// (packages/codemod/test/parser-parity.test.ts) on the repository's files and
// on every file of the dense bench corpus (./dense-corpus.js): the same tree,
// findings, rewrite edits and codemod output with oxc-parser as with espree
// and typescript-estree. Fetches the corpus once; not part of `pnpm test`
// (no network at test time).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { denseRoot } from './dense-corpus.js';

const repository = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', 'packages/codemod/test/parser-parity.test.ts'], {
  cwd: repository,
  stdio: 'inherit',
  env: { ...process.env, KEEPALIVE_GUARD_PARITY_CORPUS: denseRoot() },
});
process.exitCode = run.status ?? 1;
