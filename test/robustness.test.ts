import { type Dirent, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
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

function* sourceFiles(directory: string): Generator<string> {
  const entries: Dirent[] = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (entry.isFile() && EXTENSIONS.test(entry.name) && statSync(full).size <= MAX_BYTES) yield full;
  }
}

const rule = { 'keepalive-guard/no-unguarded-request': ['error', { globalAgent: 'keep-alive' }] } as const;
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

it(`the rule never throws on ${MIN_FILES}+ real files from node_modules`, { timeout: 600_000 }, () => {
  const linter = new Linter({ configType: 'flat' });
  // The same set-up reports the seed, so a silent corpus means a silent rule, not an ignored file.
  const seed = "import http from 'node:http';\nhttp.get('http://localhost:3000', { agent: new http.Agent({ keepAlive: true }) });";
  for (const name of ['corpus/seed.mjs', 'corpus/seed.ts']) {
    expect(linter.verify(seed, configFor(name, 'module'), { filename: name }).map((message) => message.ruleId ?? message.message)).toEqual([
      'keepalive-guard/no-unguarded-request',
    ]);
  }
  const crashes: string[] = [];
  let files = 0;
  const parseErrors: string[] = [];
  let findings = 0;
  let checkedWithHttp = 0;
  for (const file of sourceFiles(store)) {
    const text = readFileSync(file, 'utf8');
    // ESLint ignores node_modules by default; lint each file under a name outside it.
    const filename = path.join('corpus', path.relative(store, file).replaceAll('node_modules', 'modules'));
    files += 1;
    if (text.includes('http')) checkedWithHttp += 1;
    try {
      let messages = linter.verify(text, configFor(filename, 'module'), { filename });
      // A CommonJS file in a .js file does not always parse as a module (`with`, octal escapes, ...).
      if (messages.some((message) => message.fatal)) messages = linter.verify(text, configFor(filename, 'commonjs'), { filename });
      if (messages.some((message) => message.fatal)) parseErrors.push(filename);
      findings += messages.filter((message) => message.ruleId === 'keepalive-guard/no-unguarded-request').length;
    } catch (error) {
      crashes.push(`${filename}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  console.log(
    `robustness: linted ${files} files from node_modules (${checkedWithHttp} mention http), ` +
      `${parseErrors.length} did not parse, ${findings} requests reported, ${crashes.length} crashes`,
  );
  if (parseErrors.length > 0) console.log(`did not parse (not a rule problem):\n  ${parseErrors.join('\n  ')}`);
  expect(crashes).toEqual([]);
  expect(files).toBeGreaterThanOrEqual(MIN_FILES);
});
