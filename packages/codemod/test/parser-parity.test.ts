import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ParsedFile, findUnguardedRequests, parseForAnalysis, resolveGlobalAgentPolicy, rewriteOf } from '@keepalive-guard/analysis';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type CodemodOptions, rewriteSource } from '../src/index.js';
import { oxcParser } from '../src/fast-parser.js';

// The codemod parses with oxc-parser first (src/fast-parser.ts). It is kept
// only while it changes nothing: for every file of the repository's fixtures,
// test programs and examples, the tree, the findings with their rewrite
// edits, and the codemod's output must be the same with it as with espree and
// typescript-estree alone. `node bench/parser-parity.js` runs this file with
// KEEPALIVE_GUARD_PARITY_CORPUS set to the dense bench corpus (3,565
// published files), which it then compares as well.

const repository = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const FOLDERS = ['packages/codemod/test/fixtures', 'packages/eslint-plugin/test/fixtures', 'test/fixtures', 'test/e2e', 'examples'];
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name) ? [full] : [];
  });
}

const corpus = process.env.KEEPALIVE_GUARD_PARITY_CORPUS;
const files = [...FOLDERS.map((folder) => path.join(repository, folder)), ...(corpus ? [corpus] : [])].flatMap(sourceFiles).sort();
const fast = oxcParser();
const options: CodemodOptions = { ...DEFAULT_OPTIONS, globalAgent: 'keep-alive' };

/** A tree as data: nodes without `parent`, and without oxc's own `start`/`end` (espree's equal `range`). */
function comparable(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, item: unknown) => {
      if (key === 'parent' || key === 'start' || key === 'end' || item === null || item === false || (Array.isArray(item) && item.length === 0)) return undefined;
      return typeof item === 'bigint' ? `${item}n` : item;
    }),
  );
}

/** Findings as data: each node by its range. */
function findingsOf(parsed: ParsedFile, file: string): unknown {
  const globalAgent = resolveGlobalAgentPolicy({ globalAgent: 'keep-alive', filename: file });
  const findings = findUnguardedRequests(parsed.program, parsed.host, { globalAgent, filename: file, retryWrappers: options.retryWrappers, maxRetries: options.maxRetries });
  return JSON.parse(
    JSON.stringify(
      findings.map((finding) => ({ finding, rewrite: rewriteOf(finding) })),
      (_key, item: unknown) => (isNode(item) ? item.range : typeof item === 'bigint' ? `${item}n` : item),
    ),
  );
}

function isNode(item: unknown): item is { range: [number, number] } {
  return typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string' && 'range' in item && 'loc' in item;
}

function parsedBoth(text: string, file: string): [ParsedFile, ParsedFile] | undefined {
  let reference: ParsedFile;
  try {
    reference = parseForAnalysis(text, { filePath: file });
  } catch {
    // Not valid code (an odd-input fixture): then the fast parser must not accept it either.
    expect(() => parseForAnalysis(text, { filePath: file, fastParser: fast })).toThrow();
    return undefined;
  }
  return [reference, parseForAnalysis(text, { filePath: file, fastParser: fast })];
}

describe('oxc-parser against espree and typescript-estree', () => {
  it('is loaded on this machine, and there are files to compare', () => {
    expect(fast).toBeTypeOf('function');
    expect(files.length).toBeGreaterThan(200);
  });

  // Where oxc accepts or writes something espree or typescript-estree do not:
  // each must be declined (the reference parser decides) or corrected.
  const snippets: Record<string, string> = {
    'decorator.js': '@dec class A { @dec m() {} }\n',
    'accessor.js': 'class A { accessor x = 1 }\n',
    'import-defer.js': 'import defer * as x from "y";\n',
    'import-source.js': 'import source x from "y";\n',
    'redeclared.js': 'let a = 1; let a = 2;\n',
    'bad-regex.js': 'const r = /(/;\n',
    'regex-flags.js': 'const r = /b/ig, s = /c/dmu;\n',
    'jsx-entities.js': 'const a = <div title="x&amp;y">&nbsp;&lt;</div>;\n',
    'jsx-entities.tsx': 'const a = <div title="&lt;">&nbsp;</div>;\n',
    'template.js': 'const a = `x${b}y${c}z`;\n',
    'hashbang.cjs': '#!/usr/bin/env node\nconst http = require("http");\n',
    'html-comment.cjs': 'x = 1 <!-- y\n',
    'sloppy.cjs': 'var let = 010; with (a) { b } return;\n',
    'lone-surrogate.js': 'const a = "\\uD800", b = `\\uDC00`;\n',
    'line-breaks.js': 'const a = `x\r\ny`;\r\nconst b = 1;\u2028const c = 2; // 😀\n',
    'script.ts': 'const http = require("http");\nhttp.get("x");\n',
    'import-meta.ts': 'console.log(import.meta.url);\n',
    'plain.mts': 'const a = 1;\n',
    'import-equals.ts': 'import x = require("x");\nimport y = N.y;\n',
    'namespace-import-equals.ts': 'import y = N.y;\n',
    'export-equals.ts': 'const a = 1;\nexport = a;\n',
    // Found by a tester comparing the CLI with and without --no-fast-parser: oxc accepted each of these, the reference rejects it.
    'import-assert.mjs': "import config from './config.json' assert { type: 'json' };\n",
    'zero-width-space.js': 'const url =\u200b "http://a.test/";\n',
    'next-line.cjs': 'const a = 1;\u0085const b = 2;\n',
    'unicode-16-identifier.ts': 'const \u1c89 = 1;\n',
    'enum-computed.ts': "enum Header { ['Content-Type'] = 'content-type' }\n",
    'decorated-constructor.ts': 'class A { @Inject() constructor() {} }\n',
    'decorated-overload.ts': "class A { fetch(@Param('url') url: string): void; fetch(url: string) {} }\n",
    'decorator-export-list.ts': 'declare const d: any;\nconst agent = 1;\n@d export { agent };\n',
    'optional-private.ts': 'class A { #agent?: { destroy(): void }; m() { this?.#agent?.destroy(); } }\n',
    'private-before-chain.ts': 'class A { #agent?: { destroy(): void }; #m() {} m(o: A) { this.#agent?.destroy(); o.#m?.(); this.#agent!; } }\n',
    'private-after-chain.ts': 'class A { #b = 1; m(a?: A) { return a?.x.#b; } }\n',
    'as-in-pattern-default.ts': '({ x: a as any = 1 } = {});\n',
    'parenthesised-arrow-parameter.js': 'const ids = [1, 2].map(((id)) => id);\n',
    'parenthesised-pattern.js': "[(host = 'localhost'), port] = argv;\nfor (([path, label]) of list);\n",
    'parenthesised-targets.js': '(a) = 1; [(a.b)] = c; ({ x: (y) } = z); f((a), ((b)));\nconst t = (a?.b).c;\n',
    'parenthesised-types.ts': 'let a: (string | number)[] = [];\nconst b = (c as (d));\n',
    'jsx-spread-child.jsx': 'const a = <ul>{...items}</ul>;\n',
    'jsx-spread-sequence.jsx': 'const a = <a {...p, q} />;\n',
  };

  it.each(Object.entries(snippets))('%s: declined or corrected, never different', (file, text) => {
    const both = parsedBoth(text, file);
    if (both) expect(comparable(both[1].program)).toEqual(comparable(both[0].program));
  });

  it('declines a text with an early error, which espree reports', () => {
    expect(fast?.('let a = 1; let a = 2;', 'x.js', 'module')).toBeUndefined();
  });

  describe.each(files.map((file) => [path.relative(repository, file), file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');

    it('the same tree, findings and rewrite edits', () => {
      const both = parsedBoth(text, file);
      if (!both) return;
      const [reference, withFast] = both;
      expect(comparable(withFast.program)).toEqual(comparable(reference.program));
      expect(findingsOf(withFast, file)).toEqual(findingsOf(reference, file));
    });

    it('the same codemod output and site reports', () => {
      const run = (fastParser: boolean) => {
        try {
          return rewriteSource(text, file, { ...options, fastParser });
        } catch (error) {
          return { error: (error as Error).message };
        }
      };
      expect(run(true)).toEqual(run(false));
    });
  });
});
