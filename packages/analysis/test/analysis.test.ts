import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSESTree } from '@typescript-eslint/types';
import { describe, expect, it } from 'vitest';
import { findUnguardedRequests, parseForAnalysis } from '../src/index.js';
import { ALWAYS_KEEP_ALIVE, analyzeEspree, analyzeStandalone } from './hosts.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const exampleSources = path.join(here, '../../../examples/app/src');

/** JavaScript that both parsers read; each case has a known number of findings. */
const sharedCases: { name: string; code: string; sourceType?: 'module' | 'commonjs'; findings: number }[] = [
  {
    name: 'seed: http.get through a keep-alive agent',
    code: [
      "import http from 'node:http';",
      'const agent = new http.Agent({ keepAlive: true });',
      "setInterval(() => { http.get('http://localhost:3000', { agent }, (res) => res.resume()); }, 5000);",
    ].join('\n'),
    findings: 1,
  },
  {
    name: 'CommonJS, destructured, with a guarded and an unguarded request',
    code: [
      "const { request, Agent } = require('https');",
      "const agentkeepalive = require('agentkeepalive');",
      'const pool = new agentkeepalive.HttpsAgent();',
      "const a = request({ host: 'a.test', agent: pool });",
      "a.on('error', (err) => { if (a.reusedSocket) retry(); });",
      'const minified = new Agent({ keepAlive: !0 });',
      "request({ host: 'a.test', agent: minified }).end();",
    ].join('\n'),
    sourceType: 'commonjs',
    findings: 1,
  },
  {
    name: 'class field, optional chaining, computed member, spread options',
    code: [
      "import * as http from 'node:http';",
      'class Client {',
      "  agent = new http['Agent']({ keepAlive: true });",
      '  base = { agent: this.agent };',
      "  get(path) { return http?.get({ ...this.base, host: 'a.test', path }); }",
      '}',
    ].join('\n'),
    findings: 1,
  },
  {
    name: 'global agent, ClientRequest, retry wrapper',
    code: [
      "import { ClientRequest, get } from 'node:http';",
      "import pRetry from 'p-retry';",
      "new ClientRequest('http://a.test').end();",
      "pRetry(() => get('http://a.test'));",
    ].join('\n'),
    findings: 1,
  },
];

describe('the analysis reads ESTree from either host', () => {
  for (const testCase of sharedCases) {
    it(`${testCase.name}: espree + eslint-scope and typescript-estree + scope-manager agree`, () => {
      const fromEspree = analyzeEspree(testCase.code, testCase.sourceType);
      const fromTypescriptEstree = analyzeStandalone(testCase.code, testCase.sourceType === 'commonjs' ? 'file.cjs' : 'file.mjs');
      expect(fromEspree).toHaveLength(testCase.findings);
      expect(fromTypescriptEstree).toEqual(fromEspree);
    });
  }

  it('agrees on every JavaScript file of the example app', () => {
    const files = readdirSync(exampleSources).filter((file) => /\.[cm]?js$/.test(file));
    expect(files.length).toBeGreaterThanOrEqual(3);
    let total = 0;
    for (const file of files) {
      const text = readFileSync(path.join(exampleSources, file), 'utf8');
      const fromEspree = analyzeEspree(text, file.endsWith('.cjs') ? 'commonjs' : 'module');
      expect(analyzeStandalone(text, file), file).toEqual(fromEspree);
      total += fromEspree.length;
    }
    expect(total).toBeGreaterThan(0);
  });

  it("rejects a Babel tree (jscodeshift's parsers) with a clear error instead of finding nothing", () => {
    const babelTs = (createRequire(import.meta.url)('jscodeshift/parser/ts.js') as () => { parse(text: string): { program: unknown } })();
    const text = "import http from 'node:http';\nhttp.get('http://a.test');";
    const babelProgram = babelTs.parse(text).program as TSESTree.Program;
    expect(() =>
      findUnguardedRequests(babelProgram, { sourceText: text, findVariable: () => null }, { globalAgent: ALWAYS_KEEP_ALIVE, retryWrappers: [] }),
    ).toThrow(/needs an ESTree Program with ranges.*parseForAnalysis/);
  });
});

describe('findings', () => {
  it('point at the request and its callee, and name the agent where it was created', () => {
    const text = [
      "import http from 'node:http';",
      '',
      'export const keepAliveAgent = new http.Agent({ keepAlive: true });',
      "export const ping = () => http.request('http://a.test', { agent: keepAliveAgent }).end();",
    ].join('\n');
    const { program, host } = parseForAnalysis(text, { filePath: 'ping.ts' });
    const [finding, ...rest] = findUnguardedRequests(program, host, { globalAgent: ALWAYS_KEEP_ALIVE, retryWrappers: [] });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ via: 'keep-alive-agent', callee: 'http.request', modules: ['http'] });
    if (finding?.via !== 'keep-alive-agent') throw new Error('expected a keep-alive agent finding');
    expect(text.slice(...finding.range)).toBe("http.request('http://a.test', { agent: keepAliveAgent })");
    expect(text.slice(...finding.reportRange)).toBe('http.request');
    expect(finding.agent).toMatchObject({ name: 'keepAliveAgent', line: 3, flavor: 'http' });
    expect(text.slice(...finding.agent.range)).toBe('new http.Agent({ keepAlive: true })');
  });

  it('are not looked for in a file that never mentions http: the tree is not walked', () => {
    const text = 'const get = (map, key) => map.get(key);';
    const { program } = parseForAnalysis(text, { filePath: 'util.js' });
    const host = {
      sourceText: text,
      findVariable(): never {
        throw new Error('the analysis walked a file it could have skipped');
      },
    };
    expect(findUnguardedRequests(program, host, { globalAgent: ALWAYS_KEEP_ALIVE, retryWrappers: [] })).toEqual([]);
  });

  it('keep ranges relative to the text without its BOM', () => {
    const text = "\uFEFFimport http from 'node:http';\nhttp.get('http://a.test');\n";
    const parsed = parseForAnalysis(text, { filePath: 'bom.js' });
    expect(parsed.bom).toBe(true);
    const [finding] = findUnguardedRequests(parsed.program, parsed.host, { globalAgent: ALWAYS_KEEP_ALIVE, retryWrappers: [] });
    expect(finding && parsed.host.sourceText.slice(...finding.reportRange)).toBe('http.get');
  });

  it('stay silent for the global agent when it is not keep-alive', () => {
    const text = "import http from 'node:http';\nhttp.get('http://a.test');";
    const { program, host } = parseForAnalysis(text, { filePath: 'a.js' });
    expect(findUnguardedRequests(program, host, { globalAgent: { keepAlive: false, reason: 'test' }, retryWrappers: [] })).toEqual([]);
  });

  it('parse TypeScript as TypeScript and JSX in JavaScript', () => {
    expect(analyzeStandalone("import http from 'node:http';\nconst n = <number>(1);\nhttp.get('http://a.test');", 'a.ts')).toHaveLength(1);
    expect(analyzeStandalone("import http from 'node:http';\nconst el = <div />;\nhttp.get('http://a.test');", 'a.jsx')).toHaveLength(1);
    expect(() => parseForAnalysis('const = ;', { filePath: 'broken.ts' })).toThrow();
  });
});
