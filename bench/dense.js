// `node bench/dense.js`: the rules and the codemod where HTTP code is dense,
// on the dense corpus (./dense-corpus.js: the real-code corpus of HTTP
// clients, SDKs, APM agents, proxies and CLIs, and three SDKs' TypeScript
// sources), fetched once with `npm pack`. Prints the
// rule costs beside eslint-plugin-n's no-deprecated-api in one ESLint run, the
// cost per file that passes the text pre-check, the same rules in oxlint
// through jsPlugins beside oxlint alone, and the codemod's --check against
// jscodeshift's return-at-once floor (median of 5 runs each).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mayContainAgent, mayContainRequest } from '@keepalive-guard/analysis';
import { measure, ruleTimes, table } from './measure.js';
import { denseRoot } from './dense-corpus.js';

const bench = path.dirname(fileURLToPath(import.meta.url));
const repository = path.join(bench, '..');
const require = createRequire(import.meta.url);
const eslintBin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
const jscodeshiftBin = path.join(path.dirname(require.resolve('jscodeshift/package.json')), 'bin', 'jscodeshift.js');
const codemodBin = path.join(repository, 'packages', 'codemod', 'dist', 'cli.js');
const oxlintBin = path.join(path.dirname(require.resolve('oxlint/package.json')), 'bin', 'oxlint');
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RULES = ['keepalive-guard/no-unguarded-request', 'keepalive-guard/require-agent-timeout'];
const COMPARED = 'n/no-deprecated-api';
const SOURCE = /\.(?:[cm]?js|[cm]?ts)$/;

function sourceFiles(root) {
  const files = [];
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (SOURCE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
        files.push(full);
      }
    }
  };
  walk(root);
  return files.sort();
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

async function lintOnce(root) {
  const run = await measure(
    process.execPath,
    [eslintBin, '--no-config-lookup', '--config', path.join(bench, 'eslint.dense.config.js'), '--format', path.join(bench, 'silent-formatter.cjs'), '.'],
    { cwd: root, env: { ...process.env, TIMING: 'all' } },
  );
  if (run.code === 2) throw new Error(`ESLint crashed:\n${run.stderr}`);
  return { wall: run.seconds * 1000, rules: ruleTimes(run.stdout) };
}

const root = denseRoot();
const files = sourceFiles(root);
const texts = files.map((file) => readFileSync(file, 'utf8'));
const passes = (text) => mayContainRequest(text) || mayContainAgent(text);
const passing = texts.filter(passes).length;
const bytes = files.reduce((total, file) => total + statSync(file).size, 0);
const isTypeScript = (file) => /\.[cm]?ts$/.test(file);
const typescript = files.filter(isTypeScript);
const typescriptPassing = files.filter((file, index) => isTypeScript(file) && passes(texts[index])).length;
process.stderr.write(`dense corpus: ${files.length} files, ${passing} pass the pre-check; linting ${RUNS} times...\n`);

const lints = [];
for (let run = 0; run < RUNS; run += 1) lints.push(await lintOnce(root));
const ruleMedian = (rule) => median(lints.map((lint) => lint.rules.get(rule) ?? 0));
const ours = median(lints.map((lint) => RULES.reduce((total, rule) => total + (lint.rules.get(rule) ?? 0), 0)));
const wall = median(lints.map((lint) => lint.wall));

/**
 * One oxlint run (its default rules; with `withPlugin`, both rules too,
 * through jsPlugins): the wall time, and from `--debug=timings` each JS rule's
 * time and the JS plugin runtime's shared overhead (moving each file's tree
 * to JavaScript).
 */
async function oxlintOnce(withPlugin) {
  const config = path.join(bench, withPlugin ? 'oxlintrc.dense.json' : 'oxlintrc.plain.json');
  const run = await measure(process.execPath, [oxlintBin, '-c', config, '--quiet', '--debug=timings', `--threads=${WORKERS}`, '.'], { cwd: root });
  if (run.code !== 0 && run.code !== 1) throw new Error(`oxlint failed (${run.code}):\n${run.stderr}`);
  const output = `${run.stdout}\n${run.stderr}`;
  const rules = new Map();
  for (const match of output.matchAll(/^(keepalive-guard\/[\w-]+)\s+([\d.]+)\s/gm)) rules.set(match[1], Number(match[2]));
  if (withPlugin && rules.size !== RULES.length) throw new Error(`oxlint ran ${rules.size} of our rules:\n${output.slice(-2000)}`);
  return { wall: run.seconds * 1000, rules, overhead: Number(/Shared overhead:\s+([\d.]+)ms/.exec(output)?.[1] ?? 0) };
}

process.stderr.write('running oxlint...\n');
const oxlintPlain = [];
const oxlintPlugin = [];
for (let run = 0; run < RUNS; run += 1) {
  oxlintPlain.push(await oxlintOnce(false));
  oxlintPlugin.push(await oxlintOnce(true));
}

process.stderr.write('running the codemod and jscodeshift...\n');
const codemodRuns = [];
const floorRuns = [];
for (let run = 0; run < RUNS; run += 1) {
  const codemod = await measure(process.execPath, [codemodBin, '--check', '--json', '--global-agent', 'keep-alive', '--workers', String(WORKERS), '.'], { cwd: root });
  if (![0, 1, 3].includes(codemod.code)) throw new Error(`the codemod failed (${codemod.code}):\n${codemod.stderr}`);
  codemodRuns.push(codemod.seconds);
  const floor = await measure(
    process.execPath,
    [jscodeshiftBin, '--no-babel', '--dry', `--cpus=${WORKERS}`, '--extensions=js,mjs,cjs,ts,mts,cts', '--ignore-pattern=**/*.d.ts', '-t', path.join(bench, 'transforms', 'return-at-once.cjs'), '.'],
    { cwd: root },
  );
  floorRuns.push(floor.seconds);
}

const ms = (value) => `${value.toFixed(0)} ms`;
console.log(
  `Dense corpus: ${files.length} files (${typescript.length} TypeScript), ${(bytes / 1024 / 1024).toFixed(0)} MB, ` +
    `${passing} (${((passing / files.length) * 100).toFixed(1)} %) pass the text pre-check (${typescriptPassing} TypeScript); ` +
    `${RUNS} runs, medians; ${WORKERS} workers; Node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  table('Rule cost (ESLint TIMING=all, @eslint/js recommended + both rules + n/no-deprecated-api)', ['what', 'time', 'share of the lint', 'per file passing the pre-check'], [
    ['total lint (wall)', ms(wall), '100%', ''],
    ...RULES.map((rule) => [rule, ms(ruleMedian(rule)), `${((ruleMedian(rule) / wall) * 100).toFixed(2)}%`, `${(ruleMedian(rule) / passing).toFixed(2)} ms`]),
    ['both rules', ms(ours), `${((ours / wall) * 100).toFixed(2)}%`, `${(ours / passing).toFixed(2)} ms`],
    [COMPARED, ms(ruleMedian(COMPARED)), `${((ruleMedian(COMPARED) / wall) * 100).toFixed(2)}%`, ''],
    ['both rules / no-deprecated-api', `${(ours / ruleMedian(COMPARED)).toFixed(2)}×`, '', ''],
  ]),
);
const oxlintRules = median(oxlintPlugin.map((run) => RULES.reduce((total, rule) => total + (run.rules.get(rule) ?? 0), 0)));
const oxlintWall = median(oxlintPlugin.map((run) => run.wall));
const oxlintPlainWall = median(oxlintPlain.map((run) => run.wall));
console.log(
  table('oxlint 1.94 beside ESLint (oxlint: its default rules, and both rules through jsPlugins, --debug=timings)', ['what', 'time', 'share of its lint'], [
    ['ESLint, both rules (from the table above)', ms(ours), `${((ours / wall) * 100).toFixed(2)}%`],
    ['oxlint, default rules only (wall)', ms(oxlintPlainWall), ''],
    ['oxlint, default rules and both rules (wall)', ms(oxlintWall), '100%'],
    ...RULES.map((rule) => {
      const time = median(oxlintPlugin.map((run) => run.rules.get(rule) ?? 0));
      return [`oxlint: ${rule}`, ms(time), `${((time / oxlintWall) * 100).toFixed(2)}%`];
    }),
    ['oxlint: JS plugin shared overhead (trees to JavaScript)', ms(median(oxlintPlugin.map((run) => run.overhead))), `${((median(oxlintPlugin.map((run) => run.overhead)) / oxlintWall) * 100).toFixed(2)}%`],
    ['oxlint: both rules', ms(oxlintRules), `${((oxlintRules / oxlintWall) * 100).toFixed(2)}%`],
  ]),
);
console.log(
  table('Codemod --check against the floor (same files)', ['run', 'median wall', 'vs floor'], [
    ['keepalive-guard-codemod --check', `${median(codemodRuns).toFixed(2)} s`, `${(median(codemodRuns) / median(floorRuns)).toFixed(2)}×`],
    ['jscodeshift, return-at-once (floor)', `${median(floorRuns).toFixed(2)} s`, '1.00×'],
  ]),
);
