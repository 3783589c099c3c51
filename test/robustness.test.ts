import { type Dirent, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { mayContainRequest, parseForAnalysis } from '@keepalive-guard/analysis';
import { DEFAULT_OPTIONS, SourceParseError, rewriteSource } from '@keepalive-guard/codemod';
import keepaliveGuard from 'eslint-plugin-keepalive-guard';
import tseslint from 'typescript-eslint';
import { expect, it } from 'vitest';

/**
 * The rule over real third-party code: every JavaScript and TypeScript file
 * under the repository's own node_modules (each package once, symlinks not
 * followed), in sorted order. A file that does not parse is a parse error,
 * not a rule crash; a crash fails the test with the file's name.
 */
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const store = path.join(root, 'node_modules', '.pnpm');
const EXTENSIONS = /\.(?:[cm]?js|[cm]?ts)$/;
const MAX_BYTES = 1_500_000;
const MIN_FILES = 5_000;
const PROBE = "require('node:http'); require('undici');\n";

function* sourceFiles(directory: string): Generator<string> {
  const entries: Dirent[] = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (entry.isFile() && EXTENSIONS.test(entry.name) && statSync(full).size <= MAX_BYTES) yield full;
  }
}

const rule = {
  'keepalive-guard/no-unguarded-request': ['error', { globalAgent: 'keep-alive' }],
  'keepalive-guard/require-agent-timeout': 'error',
} as const;
const plugins = { 'keepalive-guard': keepaliveGuard };

function configFor(file: string, sourceType: 'module' | 'commonjs'): Linter.Config[] {
  const typescript = /\.[cm]?ts$/.test(file);
  return [
    {
      files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
      plugins,
      rules: rule,
      languageOptions: typescript
        ? { parser: tseslint.parser as Linter.Parser, sourceType }
        : { ecmaVersion: 'latest', sourceType: file.endsWith('.cjs') ? 'commonjs' : sourceType },
    },
  ] as Linter.Config[];
}

it('the codemod never crashes on node_modules, and whatever it would write parses again', () => {
  let candidates = 0;
  let unparsable = 0;
  let rewritten = 0;
  const crashes: string[] = [];
  for (const file of sourceFiles(store)) {
    const text = readFileSync(file, 'utf8');
    if (!mayContainRequest(text)) continue;
    candidates += 1;
    try {
      const result = rewriteSource(text, file, { ...DEFAULT_OPTIONS, globalAgent: 'keep-alive' });
      if (result.output !== undefined) {
        rewritten += 1;
        parseForAnalysis(result.output, { filePath: file });
      }
    } catch (error) {
      if (error instanceof SourceParseError) unparsable += 1;
      else crashes.push(`${path.relative(store, file)}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  console.log(`robustness: the codemod read ${candidates} files that name an http module or client package: ${rewritten} would be rewritten, ${unparsable} did not parse, ${crashes.length} crashes`);
  expect(crashes).toEqual([]);
  expect(candidates).toBeGreaterThan(20);
}, 600_000);

it(`the rule never throws on ${MIN_FILES}+ real files from node_modules`, { timeout: 600_000 }, () => {
  const linter = new Linter({ configType: 'flat' });
  // The same set-up reports the seed, so a silent corpus means a silent rule, not an ignored file.
  const seed = "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true });\nhttp.get('http://localhost:3000', { agent });";
  for (const name of ['corpus/seed.mjs', 'corpus/seed.ts']) {
    expect(linter.verify(seed, configFor(name, 'module'), { filename: name }).map((message) => message.ruleId ?? message.message)).toEqual([
      'keepalive-guard/require-agent-timeout',
      'keepalive-guard/no-unguarded-request',
    ]);
  }
  const crashes: string[] = [];
  let files = 0;
  const parseErrors: string[] = [];
  let findings = 0;
  let checkedWithHttp = 0;
  for (const file of sourceFiles(store)) {
    const original = readFileSync(file, 'utf8');
    // A first line that names the http module and a client package makes both analyses walk the whole
    // file, not only the few files that import them: the point here is every construct of real code.
    const shebang = /^#!.*\n/.exec(original)?.[0] ?? '';
    const text = `${shebang}${PROBE}${original.slice(shebang.length)}`;
    // ESLint ignores node_modules by default; lint each file under a name outside it.
    const filename = path.join('corpus', path.relative(store, file).replaceAll('node_modules', 'modules'));
    files += 1;
    if (mayContainRequest(original)) checkedWithHttp += 1;
    try {
      let messages = linter.verify(text, configFor(filename, 'module'), { filename });
      // A CommonJS file in a .js file does not always parse as a module (`with`, octal escapes, ...).
      if (messages.some((message) => message.fatal)) messages = linter.verify(text, configFor(filename, 'commonjs'), { filename });
      if (messages.some((message) => message.fatal)) parseErrors.push(filename);
      findings += messages.filter((message) => message.ruleId?.startsWith('keepalive-guard/')).length;
    } catch (error) {
      crashes.push(`${filename}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  console.log(
    `robustness: linted ${files} files from node_modules (${checkedWithHttp} import http or a client package themselves; every one was walked with a probe line), ` +
      `${parseErrors.length} did not parse, ${findings} reports, ${crashes.length} crashes`,
  );
  if (parseErrors.length > 0) console.log(`did not parse (not a rule problem):\n  ${parseErrors.join('\n  ')}`);
  expect(crashes).toEqual([]);
  expect(files).toBeGreaterThanOrEqual(MIN_FILES);
});
