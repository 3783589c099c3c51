import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseForAnalysis } from '@keepalive-guard/analysis';
import { Linter } from 'eslint';
import keepaliveGuard from 'eslint-plugin-keepalive-guard';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Odd inputs, one of each kind: shebang, minified, a syntax error, BOM + CRLF,
 * ESM with new syntax, TypeScript decorators, TSX, bytes that are not UTF-8,
 * and two huge generated files (made here, not stored). The rule never throws
 * on any of them; the codemod never crashes, writes only what parses again,
 * and leaves what it cannot read byte for byte.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const odd = path.join(here, 'fixtures', 'odd');
const cli = path.join(here, '..', 'packages', 'codemod', 'dist', 'cli.js');
const RULE = 'keepalive-guard/no-unguarded-request';
const HUGE_FUNCTIONS = 5_000;

let work: string;
const before = new Map<string, Buffer>();

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-odd-'));
  cpSync(odd, work, { recursive: true });
  // Generated-code shape: thousands of handlers with tables, ~1.3 MB.
  const generated = Array.from(
    { length: HUGE_FUNCTIONS },
    (_, index) =>
      `export function handler${index}(input) {\n` +
      `  const table = { id: ${index}, name: 'handler-${index}', values: [${index}, ${index + 1}, ${index + 2}], nested: { a: '${'x'.repeat(40)}', b: ${index} } };\n` +
      '  if (input && input.id === table.id) return { ...table, input };\n' +
      `  return table.values.map((value) => value * input.factor + ${index});\n}`,
  );
  // A huge generated module with one request at its very end, and one with none.
  writeFileSync(
    path.join(work, 'huge-with-request.js'),
    `import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true });\n${generated.join('\n')}\nhttp.get('http://127.0.0.1/', { agent }, (res) => res.resume());\n`,
  );
  writeFileSync(path.join(work, 'huge-without-http.js'), `${generated.join('\n')}\n`);
  for (const file of readdirSync(work)) before.set(file, readFileSync(path.join(work, file)));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function lint(file: string) {
  const typescript = /\.[cm]?tsx?$/.test(file);
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    readFileSync(path.join(work, file), 'utf8'),
    [
      {
        files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
        plugins: { 'keepalive-guard': keepaliveGuard },
        rules: { [RULE]: ['error', { globalAgent: 'keep-alive' }] },
        languageOptions: typescript
          ? { parser: tseslint.parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: file.endsWith('x') } } }
          : { ecmaVersion: 'latest', sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module' },
      },
    ],
    // A name below the working directory: ESLint matches `files` against it.
    { filename: path.join('odd', file) },
  );
}

describe('the rule on odd inputs', () => {
  const expected: Record<string, { reports: number; fatal?: boolean }> = {
    'shebang.cjs': { reports: 1 },
    'minified.js': { reports: 1 },
    'syntax-error.js': { reports: 0, fatal: true },
    'bom-crlf.mts': { reports: 1 },
    'esm.mjs': { reports: 1 },
    'decorators.ts': { reports: 1 },
    'component.tsx': { reports: 1 },
    'latin1.js': { reports: 1 },
    'huge-with-request.js': { reports: 1 },
    'huge-without-http.js': { reports: 0 },
  };

  it('covers every odd fixture', () => {
    expect([...before.keys()].sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s: no crash, the expected reports', (file, { reports, fatal = false }) => {
    const messages = lint(file);
    expect(messages.filter((message) => message.fatal).length > 0).toBe(fatal);
    expect(messages.filter((message) => message.ruleId === RULE)).toHaveLength(reports);
  });
});

describe('the codemod on odd inputs', () => {
  let result: { code: number | null; stdout: string; stderr: string };
  beforeAll(() => {
    const run = spawnSync(process.execPath, [cli, '--json', '--global-agent', 'keep-alive', work], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    result = { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }, 120_000);

  it('reports the unreadable files, processes the rest, and exits 3', () => {
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as { files: { file: string; status: string; error?: string; findings: { status: string; reason?: string }[] }[] };
    const byFile = Object.fromEntries(report.files.map((file) => [path.basename(file.file), file]));
    expect(Object.fromEntries(Object.entries(byFile).map(([file, entry]) => [file, entry.status]))).toEqual({
      'bom-crlf.mts': 'changed',
      'component.tsx': 'changed',
      'decorators.ts': 'changed',
      'esm.mjs': 'changed',
      'huge-with-request.js': 'changed',
      'huge-without-http.js': 'skipped',
      'latin1.js': 'failed',
      'minified.js': 'unchanged',
      'shebang.cjs': 'changed',
      'syntax-error.js': 'failed',
    });
    expect(byFile['syntax-error.js']?.error).toMatch(/syntax-error\.js:4:\d+: Unexpected token/);
    expect(byFile['latin1.js']?.error).toContain('not valid UTF-8');
    expect(byFile['minified.js']?.findings).toEqual([expect.objectContaining({ status: 'skipped', reason: 'shared-line' })]);
  });

  it('leaves every file it did not change byte for byte', () => {
    for (const file of ['syntax-error.js', 'latin1.js', 'minified.js', 'huge-without-http.js']) {
      expect(readFileSync(path.join(work, file)).equals(before.get(file) as Buffer), file).toBe(true);
    }
  });

  it('writes only files that parse again, keep their BOM, CRLF and shebang, and come back unchanged', () => {
    for (const file of ['bom-crlf.mts', 'component.tsx', 'decorators.ts', 'esm.mjs', 'huge-with-request.js', 'shebang.cjs']) {
      const text = readFileSync(path.join(work, file), 'utf8');
      expect(() => parseForAnalysis(text, { filePath: file }), file).not.toThrow();
      expect(text, file).toContain('shouldRetryOnReusedSocket(');
      expect(lint(file).filter((message) => message.ruleId === RULE), file).toEqual([]);
    }
    const bomCrlf = readFileSync(path.join(work, 'bom-crlf.mts'), 'utf8');
    expect(bomCrlf.startsWith('\uFEFF')).toBe(true);
    expect(bomCrlf.replaceAll('\r\n', '')).not.toContain('\n');
    expect(readFileSync(path.join(work, 'shebang.cjs'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const again = spawnSync(process.execPath, [cli, '--check', '--global-agent', 'keep-alive', ...['bom-crlf.mts', 'component.tsx', 'decorators.ts', 'esm.mjs', 'huge-with-request.js', 'shebang.cjs'].map((file) => path.join(work, file))], { encoding: 'utf8' });
    expect(again.status).toBe(0);
  });
});
