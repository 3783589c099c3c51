import { type SpawnSyncReturns, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What users get: each package packed (`pnpm pack`, as publishing does), the
 * tarballs installed with npm into fresh projects (no workspace links), and
 * the README's own snippets used as those projects' config files.
 */
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(root, 'packages', 'codemod', 'test', 'fixtures');
const RULE = 'keepalive-guard/no-unguarded-request';
const TIMEOUT_RULE = 'keepalive-guard/require-agent-timeout';
/** What applying require-agent-timeout's suggestion does to the seed's agent. */
const withTimeout = (text: string) => text.replace('new http.Agent({ keepAlive: true })', 'new http.Agent({ keepAlive: true, timeout: 4000 })');
const work = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-consumers-'));
const tarballs = path.join(work, 'tarballs');
const plain = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false' };

/** `<!-- consumer-file: project/path -->` followed by a fenced block, in the README. */
function readmeSnippets(): Map<string, string> {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const snippets = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- consumer-file: (\S+) -->\n```\w*\n([\s\S]*?)```/g)) {
    snippets.set(match[1] as string, match[2] as string);
  }
  return snippets;
}

function sh(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = plain): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function must(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A fresh project: package.json, the README's files for it, sources, and an npm install of the tarballs. */
function createProject(name: string, devDependencies: Record<string, string>, sources: Record<string, string>): string {
  const directory = path.join(work, name);
  mkdirSync(directory, { recursive: true });
  const packed = Object.fromEntries(readdirSync(tarballs).map((file) => [packageNameOf(file), `file:${path.join(tarballs, file)}`]));
  const wanted = Object.fromEntries(
    Object.entries(devDependencies).map(([dependency, version]) => [dependency, version === 'tarball' ? packed[dependency] : version]),
  );
  writeFileSync(
    path.join(directory, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', engines: { node: '>=20.19' }, devDependencies: wanted }, null, 2),
  );
  for (const [file, content] of readmeSnippets()) {
    if (!file.startsWith(`${name}/`)) continue;
    const target = path.join(work, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  for (const [file, content] of Object.entries(sources)) {
    mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
    writeFileSync(path.join(directory, file), content);
  }
  must(sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], directory), `npm install in ${name}`);
  return directory;
}

function packageNameOf(tarball: string): string {
  const name = tarball.replace(/-\d+\.\d+\.\d+\.tgz$/, '');
  return name.startsWith('keepalive-guard-') ? `@keepalive-guard/${name.slice('keepalive-guard-'.length)}` : name;
}

function eslintReports(directory: string, ...files: string[]) {
  const result = sh('npx', ['--no-install', 'eslint', '--format', 'json', ...files], directory);
  const parsed = JSON.parse(result.stdout || '[]') as { filePath: string; messages: { ruleId: string | null; line: number; message: string }[] }[];
  return parsed.flatMap((file) =>
    file.messages.map((message) => ({ file: path.relative(directory, file.filePath), rule: message.ruleId, line: message.line, message: message.message })),
  );
}

const seed = readFileSync(path.join(fixtures, 'seed.input.js'), 'utf8');
/** A POST without an idempotency key: reported, never rewritten. */
const checkout = [
  "import http from 'node:http';",
  '',
  'const agent = new http.Agent({ keepAlive: true });',
  '',
  'export function charge(payment, callback) {',
  "  const req = http.request('http://127.0.0.1:8080/charges', { method: 'POST', agent }, (res) => callback(null, res));",
  "  req.on('error', callback);",
  '  req.end(JSON.stringify(payment));',
  '}',
  '',
].join('\n');
const seedFixed = readFileSync(path.join(fixtures, 'seed.output.js'), 'utf8');

beforeAll(() => {
  mkdirSync(tarballs);
  for (const name of ['analysis', 'eslint-plugin', 'codemod']) {
    must(sh('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', tarballs], path.join(root, 'packages', name)), `pnpm pack ${name}`);
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

it('the README names a config for every consumer project this suite builds', () => {
  expect([...readmeSnippets().keys()].sort()).toEqual([
    'eslint10-js/.husky/pre-commit',
    'eslint10-js/.lintstagedrc.json',
    'eslint10-js/.pre-commit-config.yaml',
    'eslint10-js/eslint.config.js',
    'eslint9-ts/eslint.config.js',
    'oxlint/.oxlintrc.json',
  ]);
});

describe('ESLint 10, flat config, a JavaScript project', () => {
  let project: string;
  beforeAll(() => {
    project = createProject(
      'eslint10-js',
      {
        eslint: '^10.0.0',
        typescript: '~6.0.3',
        'eslint-plugin-keepalive-guard': 'tarball',
        '@keepalive-guard/analysis': 'tarball',
        '@keepalive-guard/codemod': 'tarball',
        jscodeshift: '17.4.0',
        husky: '^9.1.7',
        'lint-staged': '^16.3.0',
      },
      {
        'src/poll.js': seed,
        'src/checkout.js': checkout,
        '.gitignore': 'node_modules/\n',
      },
    );
  }, 300_000);

  it('reports the unguarded requests and the agents without a timeout with configs.recommended', () => {
    expect(must(sh('npx', ['--no-install', 'eslint', '--version'], project), 'eslint --version')).toMatch(/^v10\./);
    const reports = eslintReports(project, 'src');
    expect(reports.map(({ file, rule, line }) => ({ file, rule, line }))).toEqual([
      { file: 'src/checkout.js', rule: TIMEOUT_RULE, line: 3 },
      { file: 'src/checkout.js', rule: RULE, line: 6 },
      { file: 'src/poll.js', rule: TIMEOUT_RULE, line: 11 },
      { file: 'src/poll.js', rule: RULE, line: 15 },
    ]);
    expect(reports[1]?.message).toContain('not idempotent');
    expect(reports[3]?.message).toContain('through the keep-alive agent `agent` (created on line 11)');
  });

  it('npx keepalive-guard-codemod rewrites from the installed tarball, then ESLint only reports what it left', () => {
    const check = sh('npx', ['--no-install', 'keepalive-guard-codemod', '--check', 'src'], project);
    expect(check.status).toBe(1);
    const run = sh('npx', ['--no-install', 'keepalive-guard-codemod', 'src'], project);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('1 rewritten, 1 left as they were');
    expect(readFileSync(path.join(project, 'src', 'poll.js'), 'utf8')).toBe(seedFixed);
    expect(eslintReports(project, 'src').map(({ file, line }) => `${file}:${line}`)).toEqual(['src/checkout.js:3', 'src/checkout.js:6', 'src/poll.js:11']);
    writeFileSync(path.join(project, 'src', 'poll.js'), seed);
  });

  it('jscodeshift -t runs the transform from the installed package', () => {
    const transform = path.join('node_modules', '@keepalive-guard', 'codemod', 'dist', 'transform.js');
    const result = sh('npx', ['--no-install', 'jscodeshift', '--no-babel', '-t', transform, 'src/poll.js'], project);
    expect(result.stdout).toMatch(/0 errors\n0 unmodified\n0 skipped\n1 ok/);
    expect(readFileSync(path.join(project, 'src', 'poll.js'), 'utf8')).toBe(seedFixed);
    writeFileSync(path.join(project, 'src', 'poll.js'), seed);
  });

  it('--concurrency and --cache give the same reports as a plain run; after a change of engines.node a fresh cache follows it', () => {
    const global = "import http from 'node:http';\n\nhttp.get('http://127.0.0.1:8080/status', (res) => res.resume());\n";
    writeFileSync(path.join(project, 'src', 'global.js'), global);
    const packageJson = readFileSync(path.join(project, 'package.json'), 'utf8');
    const key = ({ file, rule, line }: { file: string; rule: string | null; line: number }) => `${file}:${line}:${rule}`;
    const scaled = (...extra: string[]) => {
      const result = sh('npx', ['--no-install', 'eslint', ...extra, '--format', 'json', 'src'], project);
      const files = JSON.parse(result.stdout || '[]') as { filePath: string; messages: { ruleId: string | null; line: number }[] }[];
      return files.flatMap((file) => file.messages.map((message) => key({ file: path.relative(project, file.filePath), rule: message.ruleId, line: message.line }))).sort();
    };
    try {
      const expected = eslintReports(project, 'src').map(key).sort();
      expect(expected).toContain(`src/global.js:3:${RULE}`);
      expect(scaled('--concurrency', '2')).toEqual(expected);
      expect(scaled('--concurrency', 'auto', '--cache')).toEqual(expected);
      expect(scaled('--cache')).toEqual(expected);
      expect(scaled('--cache')).toEqual(expected); // from the cache
      // Node 18's global agent does not keep sockets alive: a fresh lint, or one with a new cache, drops the report.
      // (Whether the old cache notices depends on ESLint's version; the README says to lint once without it.)
      writeFileSync(path.join(project, 'package.json'), packageJson.replace('"node": ">=20.19"', '"node": "18.x"'));
      expect(eslintReports(project, 'src').map(key)).not.toContain(`src/global.js:3:${RULE}`);
      expect(scaled('--cache', '--cache-location', '.eslintcache-after-engines-change')).not.toContain(`src/global.js:3:${RULE}`);
    } finally {
      writeFileSync(path.join(project, 'package.json'), packageJson);
      rmSync(path.join(project, 'src', 'global.js'), { force: true });
      rmSync(path.join(project, '.eslintcache'), { force: true });
      rmSync(path.join(project, '.eslintcache-after-engines-change'), { force: true });
    }
  });

  describe('enforced before every commit, in a real git repository', () => {
    const git = (...args: string[]) => sh('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.test', ...args], project);
    beforeAll(() => {
      rmSync(path.join(project, 'src'), { recursive: true, force: true });
      must(git('init', '-q'), 'git init');
      must(sh('npx', ['--no-install', 'husky'], project), 'husky');
      must(git('add', '.'), 'git add');
      must(git('commit', '-qm', 'project'), 'first commit');
    });

    it('husky + lint-staged refuse a commit that adds an unguarded request; after the codemod it goes through', () => {
      mkdirSync(path.join(project, 'src'), { recursive: true });
      writeFileSync(path.join(project, 'src', 'poll.js'), seed);
      must(git('add', 'src/poll.js'), 'git add');
      const refused = git('commit', '-m', 'add the poller');
      expect(refused.status).not.toBe(0);
      expect(`${refused.stdout}${refused.stderr}`).toContain(RULE);
      expect(git('log', '--format=%s').stdout.trim().split('\n')).toEqual(['project']);

      // The staged file is an uncommitted change, so the codemod needs --force here.
      expect(sh('npx', ['--no-install', 'keepalive-guard-codemod', 'src'], project).status).toBe(2);
      must(sh('npx', ['--no-install', 'keepalive-guard-codemod', '--force', 'src'], project), 'codemod --force');
      const rewritten = path.join(project, 'src', 'poll.js');
      writeFileSync(rewritten, withTimeout(readFileSync(rewritten, 'utf8')));
      must(git('add', 'src/poll.js'), 'git add');
      must(git('commit', '-qm', 'add the poller'), 'commit after the codemod');
      expect(git('log', '--format=%s').stdout.trim().split('\n')).toEqual(['add the poller', 'project']);
    });

    const preCommit = sh('pre-commit', ['--version'], root).status === 0;
    it.skipIf(!preCommit)("Debian's pre-commit runs this repository's hook (try-repo) and the README's local ESLint hook", () => {
      const env = { ...plain, PRE_COMMIT_HOME: path.join(work, 'pre-commit-home') };
      writeFileSync(path.join(project, 'src', 'retry.js'), seed.replaceAll('localhost:3000', 'localhost:3001'));
      must(git('add', 'src/retry.js', '.pre-commit-config.yaml'), 'git add');

      const hook = sh('pre-commit', ['try-repo', root, 'keepalive-guard-codemod', '--files', 'src/retry.js'], project, env);
      expect(hook.status).toBe(1);
      expect(hook.stdout).toContain('1 would change');
      const local = sh('pre-commit', ['run', 'eslint', '--files', 'src/retry.js'], project, env);
      expect(local.status).toBe(1);
      expect(local.stdout).toContain(RULE);

      must(sh('npx', ['--no-install', 'keepalive-guard-codemod', '--force', 'src/retry.js'], project), 'codemod');
      const rewritten = path.join(project, 'src', 'retry.js');
      writeFileSync(rewritten, withTimeout(readFileSync(rewritten, 'utf8')));
      must(git('add', 'src/retry.js'), 'git add');
      expect(sh('pre-commit', ['try-repo', root, 'keepalive-guard-codemod', '--files', 'src/retry.js'], project, env).status).toBe(0);
      expect(sh('pre-commit', ['run', 'eslint', '--files', 'src/retry.js'], project, env).status).toBe(0);
    });
  });
});

describe('ESLint 9, flat config, a TypeScript project with typed linting', () => {
  let project: string;
  beforeAll(() => {
    project = createProject(
      'eslint9-ts',
      {
        eslint: '^9.39.0',
        typescript: '~6.0.3',
        'typescript-eslint': '8.72.0',
        '@types/node': '^20.19.0',
        'eslint-plugin-keepalive-guard': 'tarball',
        '@keepalive-guard/analysis': 'tarball',
      },
      {
        'tsconfig.json': JSON.stringify({
          compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', types: ['node'], noEmit: true },
          include: ['src'],
        }),
        'src/client.ts': readFileSync(path.join(fixtures, 'promise-executor.input.ts'), 'utf8'),
        'src/fixed.ts': readFileSync(path.join(fixtures, 'class-method.output.ts'), 'utf8'),
        'src/floating.ts': 'export async function ping(): Promise<void> {}\nping();\n',
        'src/agents.ts': "import http from 'node:http';\n\nexport const sharedAgent = new http.Agent({ keepAlive: true, timeout: 4000 });\n",
        'src/status.ts': [
          "import http from 'node:http';",
          "import { sharedAgent } from './agents.js';",
          '',
          "export const status = (): void => { http.get('http://status.test/', { agent: sharedAgent }, (res) => res.resume()); };",
          '',
        ].join('\n'),
      },
    );
  }, 300_000);

  it('reports through typescript-eslint, with type information on, following an agent imported from another module', () => {
    expect(must(sh('npx', ['--no-install', 'eslint', '--version'], project), 'eslint --version')).toMatch(/^v9\./);
    const reports = eslintReports(project, 'src');
    // no-floating-promises needs type information: it firing proves typed linting is on.
    expect(reports.map(({ file, rule, line }) => ({ file, rule, line }))).toEqual([
      { file: 'src/client.ts', rule: TIMEOUT_RULE, line: 3 },
      { file: 'src/client.ts', rule: RULE, line: 7 },
      { file: 'src/fixed.ts', rule: TIMEOUT_RULE, line: 4 },
      { file: 'src/floating.ts', rule: '@typescript-eslint/no-floating-promises', line: 2 },
      { file: 'src/status.ts', rule: RULE, line: 4 },
    ]);
    expect(reports.at(-1)?.message).toContain('the keep-alive agent `sharedAgent` (created in ./agents.ts on line 3)');
  });
});

describe('the packages as published', () => {
  it.each(readdirSync(root + '/packages'))('%s: its tarball holds dist, docs it links to, and no workspace: protocol', (name) => {
    const tarball = readdirSync(tarballs).find((file) => packageNameOf(file) === JSON.parse(readFileSync(path.join(root, 'packages', name, 'package.json'), 'utf8')).name);
    expect(tarball).toBeDefined();
    const listing = execFileSync('tar', ['-tzf', path.join(tarballs, tarball as string)], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/dist/index.js');
    expect(listing).toContain('package/dist/index.d.ts');
    expect(listing).toContain('package/README.md');
    if (name === 'eslint-plugin') expect(listing).toContain('package/docs/rules/no-unguarded-request.md');
    const manifest = execFileSync('tar', ['-xOzf', path.join(tarballs, tarball as string), 'package/package.json'], { encoding: 'utf8' });
    expect(manifest).not.toContain('workspace:');
  });
});

/**
 * Lint-clean output (issue: rewrites a maintainer would merge): each codemod
 * fixture input and its output, in a consumer project of one style. Every
 * input with no problem under the project's config must give an output with
 * none either, and each config must find at least three clean inputs.
 */
const STYLE_PROJECTS = [
  {
    name: 'style-recommended',
    label: '@eslint/js recommended, typescript-eslint recommended, curly: all',
    devDependencies: { eslint: '^10.0.0', '@eslint/js': '^10.0.1', 'typescript-eslint': '^8.72.0', typescript: '~6.0.3', globals: '^17.0.0' },
    config: [
      "import js from '@eslint/js';",
      "import globals from 'globals';",
      "import tseslint from 'typescript-eslint';",
      'export default [',
      "  { files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: { globals: globals.node } },",
      '  js.configs.recommended,',
      "  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.{ts,mts,cts}'] })),",
      "  { rules: { curly: ['error', 'all'] } },",
      '];',
      '',
    ].join('\n'),
  },
  {
    name: 'style-neostandard',
    label: 'neostandard (ESLint 9): no semicolons, a space before function parentheses',
    devDependencies: { eslint: '^9.39.0', neostandard: '^0.13.0', typescript: '~6.0.3' },
    config: "import neostandard from 'neostandard';\n\nexport default neostandard({ ts: true });\n",
  },
  {
    name: 'style-google',
    label: "Google's style (eslint-config-google, ESLint 9): semicolons, no spaces inside braces, 80 columns",
    devDependencies: { eslint: '^9.39.0', 'eslint-config-google': '^0.14.0', globals: '^17.0.0' },
    config: [
      "import google from 'eslint-config-google';",
      "import globals from 'globals';",
      '',
      '// ESLint 9 removed require-jsdoc and valid-jsdoc, which the config still names.',
      "const rules = Object.fromEntries(Object.entries(google.rules).filter(([rule]) => rule !== 'require-jsdoc' && rule !== 'valid-jsdoc'));",
      "export default [{ files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node }, rules }];",
      '',
    ].join('\n'),
  },
] as const;

describe.each(STYLE_PROJECTS)('rewritten code stays clean under $label', ({ name, devDependencies, config }) => {
  let project: string;
  const pairs = readdirSync(fixtures)
    .filter((file) => file.includes('.input.') && !file.startsWith('skip-'))
    .map((input) => ({ input, output: input.replace('.input.', '.output.') }));
  beforeAll(() => {
    const sources: Record<string, string> = { 'eslint.config.js': config };
    for (const { input, output } of pairs) {
      sources[`src/${input}`] = readFileSync(path.join(fixtures, input), 'utf8');
      sources[`src/${output}`] = readFileSync(path.join(fixtures, output), 'utf8');
    }
    project = createProject(name, devDependencies, sources);
  }, 300_000);

  it('every input without problems gives an output without problems, and at least three inputs are clean', () => {
    const reports = eslintReports(project, 'src');
    const problems = (file: string) => reports.filter((report) => report.file === `src/${file}`);
    const clean = pairs.filter(({ input }) => problems(input).length === 0);
    expect(clean.length).toBeGreaterThanOrEqual(3);
    for (const { input, output } of clean) expect(problems(output), `${output} (its input ${input} is clean)`).toEqual([]);
  });
});

describe('oxlint 1.94, through jsPlugins, with the README\'s .oxlintrc.json', () => {
  let project: string;
  beforeAll(() => {
    project = createProject(
      'oxlint',
      { oxlint: '1.94.0', 'eslint-plugin-keepalive-guard': 'tarball', '@keepalive-guard/analysis': 'tarball' },
      {
        'src/poll.js': seed,
        'src/checkout.js': checkout,
        'src/global.js': "import http from 'node:http';\n\nhttp.get('http://127.0.0.1:8080/status', (res) => res.resume());\n",
      },
    );
  }, 300_000);

  const oxlint = (...args: string[]) => {
    const result = sh('npx', ['--no-install', 'oxlint', '--format', 'json', ...args], project);
    const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: { code: string; filename: string; message: string; labels: { span: { line: number } }[] }[] };
    return diagnostics
      .filter((diagnostic) => diagnostic.code.startsWith('keepalive-guard('))
      .map((diagnostic) => ({ file: diagnostic.filename, code: diagnostic.code, line: diagnostic.labels[0]?.span.line, message: diagnostic.message }))
      .sort((a, b) => `${a.file}:${a.line}:${a.code}`.localeCompare(`${b.file}:${b.line}:${b.code}`));
  };

  it('reports what ESLint reports, with the same messages, the settings and engines.node read', () => {
    const reports = oxlint('src');
    expect(reports.map(({ file, code, line }) => `${file}:${line} ${code}`)).toEqual([
      'src/checkout.js:3 keepalive-guard(require-agent-timeout)',
      'src/checkout.js:6 keepalive-guard(no-unguarded-request)',
      'src/global.js:3 keepalive-guard(no-unguarded-request)',
      'src/poll.js:11 keepalive-guard(require-agent-timeout)',
      'src/poll.js:15 keepalive-guard(no-unguarded-request)',
    ]);
    expect(reports.find((report) => report.file === 'src/global.js')?.message).toContain("the configured Node version '>=20.19'");
    expect(reports.find((report) => report.file === 'src/poll.js' && report.line === 15)?.message).toContain('through the keep-alive agent `agent` (created on line 11)');
  });

  it('without the setting, reads engines.node of the nearest package.json', () => {
    const config = path.join(project, '.oxlintrc.json');
    const original = readFileSync(config, 'utf8');
    const withoutSettings = JSON.parse(original) as Record<string, unknown>;
    delete withoutSettings['settings'];
    writeFileSync(config, JSON.stringify(withoutSettings));
    try {
      expect(oxlint('src/global.js')[0]?.message).toContain("engines.node '>=20.19' of oxlint");
    } finally {
      writeFileSync(config, original);
    }
  });

  it('applies the suggestion with --fix-suggestions: the codemod\'s rewrite', () => {
    const poll = path.join(project, 'src', 'poll.js');
    sh('npx', ['--no-install', 'oxlint', '--fix-suggestions', 'src/poll.js'], project);
    // Both rules' suggestions: the retry, and the agent's timeout.
    expect(readFileSync(poll, 'utf8')).toBe(withTimeout(seedFixed));
    writeFileSync(poll, seed);
  });

  it('does not do typed linting: resolveImportedAgents stops with typescript-eslint\'s explanation', () => {
    const config = path.join(project, '.oxlintrc.json');
    const original = readFileSync(config, 'utf8');
    const typed = JSON.parse(original) as { rules: Record<string, unknown> };
    typed.rules['keepalive-guard/no-unguarded-request'] = ['error', { resolveImportedAgents: true }];
    writeFileSync(config, JSON.stringify(typed));
    try {
      const result = sh('npx', ['--no-install', 'oxlint', 'src/global.js'], project);
      expect(result.stdout + result.stderr).toMatch(/requires type information/);
    } finally {
      writeFileSync(config, original);
    }
  });
});
