import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createTwoFilesPatch } from 'diff';
import { SKIP_REASONS, type SkipReason } from '@keepalive-guard/analysis';
import { DEFAULT_EXTENSIONS, type LeftLink, MissingPathError, discoverFiles, followLinks } from './files.js';
import { type Shard, inShard, parseShard } from './shard.js';
import { gitRoot, uncommittedChanges } from './git.js';
import { type CodemodOptions, OptionError, normalizeOptions } from './options.js';
import { writeFileAtomic } from './atomic-write.js';
import { formatterNote } from './formatter-note.js';
import { helperFiles } from './helper-module.js';
import { type FileOutcome, type Mode, outcomeWithoutParsing, processFile } from './process-file.js';

/** Exit codes, as the README documents them. */
export const EXIT = { done: 0, pending: 1, usage: 2, unparsable: 3, internal: 70 } as const;

const USAGE = `Usage: keepalive-guard-codemod [options] <paths...>

Rewrites Node.js HTTP requests sent through keep-alive agents with no retry for
a reused socket into a bounded, idempotency-aware retry.

Modes (the default writes files):
  --dry                   change nothing; print a unified diff of what would change
  --print                 change nothing; print each changed file
  --check                 change nothing; exit 1 if anything would change
  --json                  print a machine-readable report on stdout instead of diffs or files.
                          Not a mode of its own: alone it WRITES files as the default does;
                          --json --check or --json --dry only report (with --dry, each file's
                          diff is in the report)

Analysis (the same options as the ESLint rule):
  --global-agent <mode>   auto | keep-alive | off (default: auto)
  --node-version <range>  Node versions the code runs on (default: engines.node)
  --retry-wrappers <a,b>  functions that retry what they are given (default: pRetry,retry,asyncRetry)
  --max-retries <n>       retries per request in the code we write (default: 3)
  --helper-module <path>  write the helpers once, to this .js/.mjs/.cjs file, and import them in
                          each rewritten file (require in CommonJS; a .d.ts beside it for
                          TypeScript); copies earlier runs put in files are replaced by the import.
                          In a monorepo run from its root, a relative path is read from each
                          package's root: one helper per package
  --no-report-unresolved-agent
                          leave requests whose options or agent come from outside the file
                          (a parameter, this.x): by default they are rewritten where that is
                          safe and listed otherwise, as the rule reports them

Files:
  --parser <ts|tsx>       parse every file as TypeScript or TSX (default: as ESLint would,
                          TypeScript files as TypeScript, the rest as JavaScript with JSX)
  --no-fast-parser        parse with espree and typescript-estree alone, as ESLint does (by default
                          oxc-parser parses first: the same tree, several times faster; they take
                          over for any file it reports an error in or would read differently)
  --extensions <a,b>      default: ${DEFAULT_EXTENSIONS.join(',')} (never .d.ts)
  --ignore-pattern <glob> skip matching paths (repeatable); node_modules and .gitignore always apply
  --force                 write even when the git working tree has uncommitted changes
  --shard <i>/<n>         process only the i-th of n disjoint parts of the files (by a stable hash of
                          each file's path in its repository), for a CI matrix
  --workers <n>           worker threads (default: all cores)

Exit codes: 0 done, 1 rewrites pending (--check), 2 usage error, missing path or dirty tree,
3 some files could not be parsed (the rest were processed), 70 internal error.`;

/** Runs the CLI; returns the exit code. Output goes to the given streams. */
export async function main(
  argv: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): Promise<number> {
  const started = performance.now();
  const say = (text: string) => io.stderr.write(`${text}\n`);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      allowNegative: true,
      options: {
        dry: { type: 'boolean' },
        print: { type: 'boolean' },
        check: { type: 'boolean' },
        json: { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        'global-agent': { type: 'string' },
        'node-version': { type: 'string' },
        'retry-wrappers': { type: 'string', multiple: true },
        'max-retries': { type: 'string' },
        'report-unresolved-agent': { type: 'boolean', default: true },
        parser: { type: 'string' },
        'fast-parser': { type: 'boolean', default: true },
        extensions: { type: 'string' },
        'ignore-pattern': { type: 'string', multiple: true },
        workers: { type: 'string' },
        'helper-module': { type: 'string' },
        shard: { type: 'string' },
      },
    });
  } catch (error) {
    say(`keepalive-guard-codemod: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values: flags, positionals: paths } = parsed;
  if (flags.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.done;
  }
  if (flags.version) {
    const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
    io.stdout.write(`${version}\n`);
    return EXIT.done;
  }
  const modes = (['dry', 'print', 'check'] as const).filter((mode) => flags[mode]);
  if (modes.length > 1) return usageError(say, `choose one of --dry, --print and --check (got --${modes.join(', --')})`);
  if (flags.print && flags.json) return usageError(say, '--print and --json both write to stdout; choose one');
  if (paths.length === 0) return usageError(say, 'give the files or folders to rewrite');
  const mode: Mode = modes[0] ?? 'write';

  let options: CodemodOptions;
  let workers: number;
  try {
    options = normalizeOptions(flags);
    workers = flags.workers === undefined ? availableParallelism() : Number(flags.workers);
    if (!Number.isInteger(workers) || workers < 1) throw new OptionError(`--workers must be a whole number of at least 1 (got '${flags.workers}')`);
  } catch (error) {
    if (error instanceof OptionError) return usageError(say, error.message);
    throw error;
  }

  let shard: Shard | undefined;
  if (flags.shard !== undefined) {
    shard = parseShard(flags.shard);
    if (!shard) return usageError(say, `--shard must be <i>/<n> with 1 <= i <= n (got '${flags.shard}')`);
  }

  let files: string[];
  let links: LeftLink[];
  try {
    const extensions = flags.extensions?.split(',').map((extension) => extension.trim().replace(/^\./, '')).filter(Boolean);
    const discovered = discoverFiles(paths, {
      extensions: extensions && extensions.length > 0 ? extensions : DEFAULT_EXTENSIONS,
      ignorePatterns: flags['ignore-pattern'] ?? [],
    });
    ({ files, links } = followLinks(discovered, paths));
    if (shard) {
      const selected = shard;
      files = files.filter((file) => inShard(file, selected));
      links = links.filter((link) => inShard(link.file, selected));
    }
  } catch (error) {
    if (error instanceof MissingPathError) return usageError(say, error.message);
    throw error;
  }

  if (mode === 'write' && !flags.force) {
    const dirty = dirtyWorkingTrees(paths);
    if (dirty.length > 0) {
      say(
        `keepalive-guard-codemod: refusing to write: ${dirty.map((root) => path.relative(process.cwd(), root) || '.').join(', ')} ` +
          'has uncommitted changes. Commit or stash them first, so that the rewrite can be reviewed as a diff, or pass --force.',
      );
      return EXIT.usage;
    }
  }

  // With a helper module nothing is written until every helper it needs has passed its checks.
  const runMode: Mode = options.helperModule !== undefined && mode === 'write' ? 'collect' : mode;
  const progress = io.stderr === process.stderr && process.stderr.isTTY && !flags.json ? progressPrinter(files.length, started) : undefined;
  const outcomes = await processAll(files, runMode, options, workers, progress);
  progress?.(files.length, true);
  const helpers = planHelperFiles(outcomes);
  if ('problem' in helpers) {
    say(`keepalive-guard-codemod: ${helpers.problem} Nothing was changed.`);
    return EXIT.usage;
  }
  if (runMode === 'collect') {
    const written = writeCollected(outcomes, helpers.files);
    if (written !== undefined) {
      say(`keepalive-guard-codemod: ${written} Nothing else was written after it.`);
      return EXIT.internal;
    }
  }
  const created = helpers.files.filter((file) => !file.exists);
  if (!flags.json) {
    for (const outcome of outcomes) {
      if (outcome.diff) io.stdout.write(outcome.diff);
      if (mode === 'print' && outcome.output !== undefined) io.stdout.write(outcome.output);
    }
    for (const file of created) {
      const name = path.relative(process.cwd(), file.path);
      if (mode === 'dry') io.stdout.write(createTwoFilesPatch('/dev/null', name, '', file.text));
      if (mode === 'print') io.stdout.write(file.text);
    }
  }
  if (flags.json) io.stdout.write(`${JSON.stringify(report(outcomes, mode, created, links), null, 2)}\n`);
  say(summary(outcomes, mode, created, links, performance.now() - started));
  if (mode === 'write') {
    const note = formatterNote(outcomes);
    if (note) say(note);
  }

  if (outcomes.some((outcome) => outcome.status === 'failed')) return EXIT.unparsable;
  if (mode === 'check' && (outcomes.some((outcome) => outcome.status === 'changed') || created.length > 0)) return EXIT.pending;
  return EXIT.done;
}

type HelperFile = { readonly path: string; readonly text: string; readonly exists: boolean };

/** The helper modules the changed files import, each checked (see `helperFiles`); the first problem stops the run. */
function planHelperFiles(outcomes: readonly FileOutcome[]): { files: HelperFile[] } | { problem: string } {
  const importers = new Map<string, { file: string; importer: 'esm' | 'cjs'; typescript: boolean }[]>();
  for (const outcome of outcomes) {
    // A helper no file needs this time is still checked when it is there.
    if (outcome.placedHelper && !importers.has(outcome.placedHelper) && existsSync(outcome.placedHelper)) importers.set(outcome.placedHelper, []);
    if (!outcome.helper) continue;
    const list = importers.get(outcome.helper.helperPath) ?? [];
    list.push({ file: path.resolve(outcome.file), importer: outcome.helper.importer, typescript: outcome.helper.typescript });
    importers.set(outcome.helper.helperPath, list);
  }
  const files: HelperFile[] = [];
  for (const [helperPath, list] of [...importers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const planned = helperFiles(helperPath, list);
    if (planned.problem !== undefined) return { problem: planned.problem };
    files.push(...planned.files);
  }
  return { files };
}

/** Writes the helper modules first, then the files that import them; the error of the first write that fails. */
function writeCollected(outcomes: readonly FileOutcome[], helpers: readonly HelperFile[]): string | undefined {
  for (const file of helpers.filter((helper) => !helper.exists)) {
    try {
      mkdirSync(path.dirname(file.path), { recursive: true });
      // A new file: created whole, and never over one that appeared meanwhile.
      writeFileSync(file.path, file.text, { flag: 'wx' });
    } catch (error) {
      return `cannot write ${path.relative(process.cwd(), file.path)}: ${(error as Error).message}.`;
    }
  }
  for (const outcome of outcomes) {
    if (outcome.status !== 'changed' || outcome.output === undefined) continue;
    try {
      writeFileAtomic(path.resolve(outcome.file), outcome.output);
    } catch (error) {
      return `cannot write ${outcome.file}: ${(error as Error).message}.`;
    }
  }
  return undefined;
}

function usageError(say: (text: string) => void, message: string): number {
  say(`keepalive-guard-codemod: ${message}\nRun keepalive-guard-codemod --help for the options.`);
  return EXIT.usage;
}

/** Working trees holding a given path that have uncommitted changes. */
function dirtyWorkingTrees(paths: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(given);
    const root = gitRoot(path.extname(absolute) ? path.dirname(absolute) : absolute);
    if (root) roots.add(root);
  }
  return [...roots].filter((root) => uncommittedChanges(root).length > 0);
}

/**
 * Files to parse per worker below which starting threads costs more than it
 * saves: a worker loads the analysis (and TypeScript, for a .ts file) before
 * its first file, a few hundred milliseconds, and a parsed file takes a few.
 * Files the text pre-check skips are sorted out on the main thread
 * first and never count: in most repositories that is almost every file.
 */
const PARSED_FILES_PER_WORKER = 60;

async function processAll(
  files: readonly string[],
  mode: Mode,
  options: CodemodOptions,
  workers: number,
  progress?: (done: number) => void,
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const toParse: string[] = [];
  for (const file of files) {
    const outcome = outcomeWithoutParsing(file);
    if (outcome) {
      outcomes.push(outcome);
      progress?.(outcomes.length);
    } else {
      toParse.push(file);
    }
  }
  // A file to parse is read again where it is parsed: keeping every such text until then would hold them all in memory.
  const threads = Math.min(workers, Math.floor(toParse.length / PARSED_FILES_PER_WORKER));
  if (threads <= 1) {
    for (const file of toParse) {
      outcomes.push(processFile(file, mode, options));
      progress?.(outcomes.length);
    }
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: threads }, async () => {
        const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { mode, options } });
        try {
          while (next < toParse.length) {
            const file = toParse[next++] as string;
            progress?.(outcomes.length);
            outcomes.push(
              await new Promise<FileOutcome>((resolve, reject) => {
                worker.once('message', resolve);
                worker.once('error', reject);
                worker.postMessage(file);
              }).finally(() => worker.removeAllListeners('error')),
            );
          }
        } finally {
          await worker.terminate();
        }
      }),
    );
  }
  return outcomes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function report(outcomes: readonly FileOutcome[], mode: Mode, created: readonly HelperFile[], links: readonly LeftLink[]) {
  return {
    mode,
    ...(links.length > 0 ? { linksLeft: links.map((link) => ({ file: path.relative(process.cwd(), link.file), reason: link.reason })) } : {}),
    ...(created.length > 0 ? { helperFiles: created.map((file) => path.relative(process.cwd(), file.path)) } : {}),
    files: outcomes.map((outcome) => ({
      file: outcome.file,
      status: outcome.status,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(outcome.diff ? { diff: outcome.diff } : {}),
      findings: outcome.sites.map((site) => ({ file: outcome.file, ...site })),
      disabled: outcome.disabled,
    })),
    summary: counts(outcomes),
  };
}

function counts(outcomes: readonly FileOutcome[]) {
  const byStatus = (status: FileOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length;
  const sites = outcomes.flatMap((outcome) => outcome.sites);
  const left: Partial<Record<SkipReason, number>> = {};
  for (const site of sites) if (site.reason) left[site.reason] = (left[site.reason] ?? 0) + 1;
  return {
    scanned: outcomes.length,
    changed: byStatus('changed'),
    unchanged: byStatus('unchanged'),
    skipped: byStatus('skipped'),
    failed: byStatus('failed'),
    rewritten: sites.filter((site) => site.status === 'rewritten').length,
    left: sites.filter((site) => site.status === 'skipped').length,
    leftByReason: left,
    disabled: outcomes.reduce((total, outcome) => total + outcome.disabled, 0),
  };
}

function summary(outcomes: readonly FileOutcome[], mode: Mode, created: readonly HelperFile[], links: readonly LeftLink[], elapsed: number): string {
  const total = counts(outcomes);
  const changed = mode === 'write' ? 'changed' : 'would change';
  const lines = [
    ...created.map((file) => `keepalive-guard-codemod: helper module ${path.relative(process.cwd(), file.path)} ${mode === 'write' ? 'written' : 'to write'}`),
    `keepalive-guard-codemod: ${total.scanned} files scanned: ${total.changed} ${changed}, ${total.unchanged} unchanged, ` +
      `${total.skipped} skipped (no http), ${total.failed} failed`,
    `  requests: ${total.rewritten} ${mode === 'write' ? 'rewritten' : 'to rewrite'}, ${total.left} left as they were` +
      (total.disabled > 0 ? `, ${total.disabled} under eslint-disable` : ''),
  ];
  for (const outcome of outcomes) {
    for (const site of outcome.sites) {
      if (site.status === 'skipped' && site.reason) {
        lines.push(`  left ${outcome.file}:${site.line}:${site.column} ${site.callee}: ${SKIP_REASONS[site.reason]}`);
      }
    }
    if (outcome.error) lines.push(`  failed ${outcome.error}`);
  }
  for (const link of links) lines.push(`  link left ${path.relative(process.cwd(), link.file)}: ${link.reason}`);
  lines.push(`  in ${(elapsed / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

/** Counts on one line, rewritten in place, from the first second of work on, at most ten times a second. */
function progressPrinter(total: number, started: number): (done: number, last?: boolean) => void {
  let shown = false;
  let lastShown = 0;
  return (done, last = false) => {
    const now = performance.now();
    if (last) {
      if (shown) process.stderr.write('\r\u001b[K');
      return;
    }
    if (now - started < 1000 || now - lastShown < 100) return;
    shown = true;
    lastShown = now;
    process.stderr.write(`\r\u001b[Kkeepalive-guard-codemod: ${done}/${total} files`);
  };
}
