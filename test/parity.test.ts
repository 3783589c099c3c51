import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { helperModuleSource, placeHelper } from '@keepalive-guard/analysis';
import { DEFAULT_OPTIONS, rewriteSource } from '@keepalive-guard/codemod';
import { Linter } from 'eslint';
import keepaliveGuard from 'eslint-plugin-keepalive-guard';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The rule and the codemod share one analysis; these tests hold them to it
 * over one set of fixtures (the codemod's): the rule reports exactly the
 * sites the codemod rewrites or skips, reports only the skipped ones on the
 * codemod's output, and its suggestions, applied one by one, give the
 * codemod's output byte for byte.
 */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'codemod', 'test', 'fixtures');
const inputs = readdirSync(fixtures)
  .filter((file) => file.includes('.input.') && file !== 'skip-syntax-error.input.js')
  .sort();
const RULE = 'keepalive-guard/no-unguarded-request';
const linter = new Linter({ configType: 'flat' });

function lint(text: string, file: string): Linter.LintMessage[] {
  const typescript = /\.[cm]?ts$/.test(file);
  const config: Linter.Config[] = [
    {
      files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
      plugins: { 'keepalive-guard': keepaliveGuard },
      rules: { [RULE]: ['error', { globalAgent: 'keep-alive' }] },
      languageOptions: typescript
        ? { parser: tseslint.parser as Linter.Parser }
        : { ecmaVersion: 'latest', sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module' },
    },
  ];
  const messages = linter.verify(text, config, { filename: file });
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages.filter((message) => message.ruleId === RULE);
}

/** What a user gets by taking the first suggestion offered, re-linting, and again, until none is left. */
function applySuggestionsOneByOne(text: string, file: string): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  let current = text.slice(bom.length);
  for (let round = 0; round < 50; round += 1) {
    const suggestion = lint(bom + current, file).find((message) => message.suggestions?.length)?.suggestions?.[0];
    if (!suggestion) return bom + current;
    current = current.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + current.slice(suggestion.fix.range[1]);
  }
  throw new Error('suggestions never ran out');
}

describe.each(inputs)('%s: the rule and the codemod agree', (input) => {
  const file = path.join(fixtures, input);
  const text = readFileSync(file, 'utf8');
  const listed = rewriteSource(text, file, { ...DEFAULT_OPTIONS, globalAgent: 'keep-alive' });
  // Requests through an agent imported from another module: the codemod lists them, the rule without type
  // information does not report them (with it, it reports them when that agent keeps sockets alive).
  const result = { ...listed, sites: listed.sites.filter((site) => site.reason !== 'agent-in-another-module') };
  const output = listed.output ?? text;

  it('the rule reports exactly the sites the codemod rewrites or skips', () => {
    const reported = lint(text, file).map((message) => `${message.line}:${message.column}`);
    expect(reported).toEqual(result.sites.map((site) => `${site.line}:${site.column}`));
  });

  it('offers a suggestion exactly where the codemod rewrites', () => {
    const withSuggestion = lint(text, file).map((message) => (message.suggestions?.length ?? 0) > 0);
    expect(withSuggestion).toEqual(result.sites.map((site) => site.status === 'rewritten'));
  });

  it("on the codemod's output the rule reports only the skipped sites, without suggestions", () => {
    const left = lint(output, file);
    expect(left).toHaveLength(result.sites.filter((site) => site.status === 'skipped').length);
    expect(left.every((message) => !message.suggestions?.length)).toBe(true);
  });

  it("applying the suggestions one by one gives the codemod's output", () => {
    expect(applySuggestionsOneByOne(text, file)).toBe(output);
  });
});

it('covers rewritten and skipped sites alike', () => {
  const statuses = inputs.flatMap((input) => {
    const file = path.join(fixtures, input);
    return rewriteSource(readFileSync(file, 'utf8'), file, { ...DEFAULT_OPTIONS, globalAgent: 'keep-alive' }).sites.map((site) => site.status);
  });
  expect(statuses.filter((status) => status === 'rewritten').length).toBeGreaterThanOrEqual(15);
  expect(statuses.filter((status) => status === 'skipped').length).toBeGreaterThanOrEqual(10);
});

it('with type information, the rule reports the sites the codemod lists as "agent in another module"', () => {
  const input = 'skip-agent-in-another-module.input.ts';
  const file = path.join(fixtures, input);
  const text = readFileSync(file, 'utf8');
  const listed = rewriteSource(text, file, { ...DEFAULT_OPTIONS, globalAgent: 'keep-alive' }).sites;
  expect(listed.map((site) => site.reason)).toEqual(['agent-in-another-module', 'agent-in-another-module', 'agent-in-another-module']);
  const typed = new Linter({ configType: 'flat' }).verify(
    text,
    [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser as Linter.Parser,
          parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: fixtures },
        },
      },
      keepaliveGuard.configs['recommended-type-checked'] as Linter.Config,
    ],
    { filename: file },
  );
  expect(typed.filter((message) => message.ruleId === RULE).map((message) => `${message.line}:${message.column}`)).toEqual(
    listed.map((site) => `${site.line}:${site.column}`),
  );
});

describe('with a helper module (helperModule, --helper-module), the suggestions import it as the codemod does', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-parity-'));
  const helper = './src/lib/reused-socket.js';
  writeFileSync(path.join(directory, 'package.json'), JSON.stringify({ name: 'parity', private: true, engines: { node: '>=20.19' } }));
  mkdirSync(path.join(directory, 'src', 'lib'), { recursive: true });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const withHelper = new Linter({ configType: 'flat', cwd: directory });
  const lintWithHelper = (text: string, file: string) => {
    const typescript = /\.[cm]?ts$/.test(file);
    return withHelper
      .verify(
        text,
        [
          {
            files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
            plugins: { 'keepalive-guard': keepaliveGuard },
            rules: { [RULE]: ['error', { globalAgent: 'keep-alive', helperModule: helper }] },
            languageOptions: typescript
              ? { parser: tseslint.parser as Linter.Parser }
              : { ecmaVersion: 'latest', sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module' },
          },
        ],
        { filename: file },
      )
      .filter((message) => message.ruleId === RULE);
  };
  // helper-present has its own copy of the helper: the codemod replaces it by the import, a suggestion only rewrites its site.
  const rewritten = inputs.filter((input) => !input.startsWith('skip-') && input !== 'helper-present.input.js');

  it('without the helper file: no suggestion, and the message says to run the codemod', () => {
    const file = path.join(directory, 'src', 'seed.js');
    const messages = lintWithHelper(readFileSync(path.join(fixtures, 'seed.input.js'), 'utf8'), file);
    expect(messages.map((message) => message.messageId)).toEqual(['helperModuleMissing']);
    expect(messages[0]?.suggestions ?? []).toEqual([]);
    expect(messages[0]?.message).toContain('run `keepalive-guard-codemod --helper-module src/lib/reused-socket.js`');
  });

  it.each(rewritten)('%s', (input) => {
    writeFileSync(path.join(directory, 'src', 'lib', 'reused-socket.js'), helperModuleSource('cjs'));
    const file = path.join(directory, 'src', input.replace('.input', ''));
    const text = readFileSync(path.join(fixtures, input), 'utf8');
    const expected = rewriteSource(text, file, { ...DEFAULT_OPTIONS, globalAgent: 'keep-alive' }, (esm) => placeHelper(file, helper, esm, directory)).output;
    expect(expected).toContain('/lib/reused-socket.js');
    let current = text.replace(/^\uFEFF/, '');
    for (let round = 0; round < 50; round += 1) {
      const suggestion = lintWithHelper(current, file).find((message) => message.suggestions?.length)?.suggestions?.[0];
      if (!suggestion) break;
      current = current.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + current.slice(suggestion.fix.range[1]);
    }
    expect((text.startsWith('\uFEFF') ? '\uFEFF' : '') + current).toBe(expected);
  });
});
