// `pnpm demo`: the whole story on the example app in examples/app, offline.
//  1. lint it with eslint-plugin-keepalive-guard and show the findings;
//  2. show the codemod's diff, and apply it to a temporary copy;
//  3. lint the copy again: only the sites the codemod left (with reasons) remain;
//  4. run the app's status poller before and after, against a local server
//     that loses the keep-alive race on purpose.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { startRaceServer } from '../test/support/race-server.js';

const examples = path.dirname(fileURLToPath(import.meta.url));
const app = path.join(examples, 'app');
const codemod = path.join(examples, '..', 'packages', 'codemod', 'dist', 'cli.js');
const POLLS = 5;

const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (colour ? `\u001B[${code}m${text}\u001B[0m` : text);
const bold = paint('1');
const red = paint('31');
const green = paint('32');
const dim = paint('2');
const heading = (text) => console.log(`\n${bold(`▶ ${text}`)}`);

async function lint(directory) {
  const eslint = new ESLint({ cwd: directory });
  const results = await eslint.lintFiles(['src']);
  const formatter = await eslint.loadFormatter('stylish');
  const output = await formatter.format(results);
  console.log(output.trim() || green('  no findings'));
  const fatal = results.filter((result) => result.fatalErrorCount > 0);
  if (fatal.length > 0) throw new Error(`could not parse ${fatal.map((result) => result.filePath).join(', ')}`);
  const count = (rule) => results.flatMap((result) => result.messages).filter((message) => message.ruleId === `keepalive-guard/${rule}`).length;
  return { requests: count('no-unguarded-request'), agents: count('require-agent-timeout') };
}

function runCodemod(...args) {
  const result = spawnSync(process.execPath, [codemod, ...args], { encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`the codemod failed (${result.status}):\n${result.stderr}`);
  return result;
}

/** Runs the app's status poller against the race-losing server; reports what the user would see. */
async function poll(directory) {
  const server = await startRaceServer({ mode: 'before-body' });
  try {
    const child = spawn(process.execPath, [path.join(directory, 'src', 'status-poller.js')], {
      env: { ...process.env, STATUS_URL: `${server.url}/status`, POLLS: String(POLLS), INTERVAL_MS: '50' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(guard);
    const answered = stdout.split('\n').filter((line) => line.startsWith('poll ')).length;
    const attempts = Object.values(server.stats().attempts).reduce((total, count) => total + count, 0);
    const error = /Error: ([^\n]*)\n[\s\S]*?code: '([A-Z]+)'/.exec(stderr);
    return { code, answered, attempts, error: error ? `${error[2]} (${error[1]})` : undefined };
  } finally {
    await server.close();
  }
}

const started = Date.now();
const copy = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-demo-'));
try {
  heading('1. Lint examples/app with eslint-plugin-keepalive-guard (configs.recommended)');
  const before = await lint(app);

  cpSync(app, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
  // The copy resolves the plugin and the parser from the example app's own install.
  symlinkSync(path.join(app, 'node_modules'), path.join(copy, 'node_modules'), 'dir');

  heading('2. The codemod’s diff (keepalive-guard-codemod --dry)');
  const dry = runCodemod('--dry', path.join(copy, 'src'));
  console.log(
    dry.stdout
      .replaceAll(`${path.relative(process.cwd(), copy)}${path.sep}`, '')
      .split('\n')
      .map((line) => (line.startsWith('+') ? green(line) : line.startsWith('-') ? red(line) : line))
      .join('\n')
      .trimEnd(),
  );
  const applied = runCodemod(path.join(copy, 'src'));
  console.log(dim(applied.stderr.replaceAll(`${path.relative(process.cwd(), copy)}${path.sep}`, '').trimEnd()));

  heading('3. Lint the rewritten copy');
  const after = await lint(copy);
  console.log(
    `no-unguarded-request: ${before.requests} before, ${after.requests} after (what the codemod leaves to you, with the reason); ` +
      `require-agent-timeout: ${before.agents} before, ${after.agents} after (agents are left to you: the rule suggests a timeout).`,
  );

  heading(`4. Run src/status-poller.js (${POLLS} polls) against a server that closes each reused connection`);
  const original = await poll(app);
  console.log(
    `  before: ${original.answered}/${POLLS} polls answered, then ` +
      red(original.error ? `crashed with ${original.error}` : `exit code ${original.code}`),
  );
  const fixed = await poll(copy);
  const retries = fixed.attempts - fixed.answered;
  console.log(
    `  after:  ${fixed.answered}/${POLLS} polls answered, exit code ${fixed.code}, ` +
      green(`${retries} ${retries === 1 ? 'retry' : 'retries'} on reused sockets`),
  );
  if (original.answered >= POLLS || fixed.answered !== POLLS || fixed.code !== 0) {
    throw new Error('the demo did not show the race and its fix');
  }
  console.log(dim(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`));
} finally {
  rmSync(copy, { recursive: true, force: true });
}
