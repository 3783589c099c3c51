// `pnpm bench`: the rule's and the codemod's cost on a pinned corpus of real
// third-party code, over half and the whole of it. Prints three tables.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGES, corpusRoot, sourceFiles, totalBytes } from './corpus.js';
import { measure, ruleTimes, table } from './measure.js';

const bench = path.dirname(fileURLToPath(import.meta.url));
const repository = path.join(bench, '..');
const require = createRequire(import.meta.url);
const eslintBin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
const jscodeshiftBin = path.join(path.dirname(require.resolve('jscodeshift/package.json')), 'bin', 'jscodeshift.js');
const codemodBin = path.join(repository, 'packages', 'codemod', 'dist', 'cli.js');
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());
const RULE = 'keepalive-guard/no-unguarded-request';
const COMPARED = 'n/no-deprecated-api';

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (seconds) => `${seconds.toFixed(2)} s`;

/** ESLint over the folders with TIMING=all: per-rule times in ms, and the wall time. */
async function lintCost(root, files) {
  const run = await measure(
    process.execPath,
    [eslintBin, '--config', path.join(bench, 'eslint.config.js'), '--format', path.join(bench, 'silent-formatter.cjs'), ...files.filter((file) => /\.[cm]?js$/.test(file))],
    { cwd: root, env: { ...process.env, TIMING: 'all' } },
  );
  if (run.code === 2) throw new Error(`ESLint crashed:\n${run.stderr}`);
  return { wall: run.seconds, peak: run.peakBytes, rules: ruleTimes(run.stdout) };
}

async function codemodCost(root, paths) {
  const ours = await measure(process.execPath, [codemodBin, '--check', '--json', '--global-agent', 'keep-alive', '--workers', String(WORKERS), ...paths], { cwd: root });
  if (![0, 1, 3].includes(ours.code)) throw new Error(`the codemod failed (${ours.code}):\n${ours.stderr}`);
  const summary = JSON.parse(ours.stdout).summary;
  const jscodeshift = (transform) =>
    measure(
      process.execPath,
      [jscodeshiftBin, '--no-babel', '--dry', `--cpus=${WORKERS}`, '--extensions=js,mjs,cjs,ts,mts,cts', '--ignore-pattern=**/*.d.ts', '-t', path.join(bench, 'transforms', transform), ...paths],
      { cwd: root },
    );
  const floor = await jscodeshift('return-at-once.cjs');
  const parseOnly = await jscodeshift('parse-only.cjs');
  const processed = (run) => Number(/Processing (\d+) files/.exec(run.stdout)?.[1] ?? NaN);
  return { ours, summary, floor, parseOnly, jscodeshiftFiles: processed(floor) };
}

const root = corpusRoot();
const results = {};
for (const [label, half] of [['half', true], ['full', false]]) {
  const files = sourceFiles(root, { half });
  const stats = { files: files.length, bytes: totalBytes(root, files) };
  process.stderr.write(`${label}: ${stats.files} files, ${mb(stats.bytes)}: linting...\n`);
  const lint = await lintCost(root, files);
  process.stderr.write(`${label}: running the codemod and jscodeshift...\n`);
  const codemod = await codemodCost(root, files);
  results[label] = { stats, lint, codemod };
}

const full = results.full;
const ruleMs = full.lint.rules.get(RULE) ?? 0;
const comparedMs = full.lint.rules.get(COMPARED) ?? 0;
const totalMs = full.lint.wall * 1000;
console.log(`Corpus: ${full.stats.files} files, ${mb(full.stats.bytes)} (${PACKAGES.length} pinned packages in ${root}; ESLint lints the JavaScript among them); ${WORKERS} workers; Node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
console.log(
  table('Rule cost (ESLint TIMING=all, @eslint/js recommended + both rules, full corpus, one run)', ['what', 'time', 'share of the lint'], [
    ['total lint (wall)', `${totalMs.toFixed(0)} ms`, '100%'],
    [RULE, `${ruleMs.toFixed(1)} ms`, `${((ruleMs / totalMs) * 100).toFixed(2)}%`],
    [COMPARED, `${comparedMs.toFixed(1)} ms`, `${((comparedMs / totalMs) * 100).toFixed(2)}%`],
  ]),
);
const c = full.codemod;
console.log(
  table(`Codemod cost (full corpus, same files, ${WORKERS} workers)`, ['run', 'files', 'wall', 'peak memory', 'vs floor'], [
    ['keepalive-guard-codemod --check', c.summary.scanned, s(c.ours.seconds), mb(c.ours.peakBytes), `${(c.ours.seconds / c.floor.seconds).toFixed(2)}×`],
    ['jscodeshift, parse-only transform', c.jscodeshiftFiles, s(c.parseOnly.seconds), mb(c.parseOnly.peakBytes), `${(c.parseOnly.seconds / c.floor.seconds).toFixed(2)}×`],
    ['jscodeshift, return-at-once (floor)', c.jscodeshiftFiles, s(c.floor.seconds), mb(c.floor.peakBytes), '1.00×'],
  ]),
);
console.log(`  codemod: ${c.summary.changed} files would change, ${c.summary.unchanged} parsed and unchanged, ${c.summary.skipped} never parsed (no http), ${c.summary.failed} failed to parse`);
const half = results.half;
const growth = (a, b) => `${(b / a).toFixed(2)}×`;
console.log(
  table('Growth (every other file → all of them)', ['measure', 'half', 'full', 'growth'], [
    ['files', half.stats.files, full.stats.files, growth(half.stats.files, full.stats.files)],
    ['bytes', mb(half.stats.bytes), mb(full.stats.bytes), growth(half.stats.bytes, full.stats.bytes)],
    [`${RULE} (ms)`, (half.lint.rules.get(RULE) ?? 0).toFixed(1), ruleMs.toFixed(1), growth(half.lint.rules.get(RULE) ?? 1, ruleMs)],
    ['total lint (s)', s(half.lint.wall), s(full.lint.wall), growth(half.lint.wall, full.lint.wall)],
    ['codemod (s)', s(half.codemod.ours.seconds), s(c.ours.seconds), growth(half.codemod.ours.seconds, c.ours.seconds)],
    ['codemod files parsed', half.codemod.summary.scanned - half.codemod.summary.skipped, c.summary.scanned - c.summary.skipped, growth(half.codemod.summary.scanned - half.codemod.summary.skipped, c.summary.scanned - c.summary.skipped)],
    ['jscodeshift floor (s)', s(half.codemod.floor.seconds), s(c.floor.seconds), growth(half.codemod.floor.seconds, c.floor.seconds)],
  ]),
);
