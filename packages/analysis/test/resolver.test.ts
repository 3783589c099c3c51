import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { describe, expect, it } from 'vitest';
import { parseForAnalysis } from '../src/standalone-host.js';
import type { AbstractValue } from '../src/values/abstract-value.js';
import { type Parsed, parse } from './parse.js';

/** The expression of the statement whose text is `text`. */
const statement = (file: Parsed, text: string): TSESTree.Expression =>
  file.node<TSESTree.ExpressionStatement>(text, AST_NODE_TYPES.ExpressionStatement).expression;

/** The kinds (and what tells them apart) of the values an expression may have. */
function kinds(values: readonly AbstractValue[]): string[] {
  return values.map((value) => {
    switch (value.kind) {
      case 'http-module':
      case 'global-agent':
        return `${value.kind}:${value.module}`;
      case 'request-function':
        return `${value.kind}:${value.module}.${value.method}`;
      case 'agent':
        return `agent:${value.flavor}:${String(value.keepAlive)}`;
      case 'agent-class':
        return `agent-class:${value.flavor}`;
      case 'client':
        return `client:${value.client}:${value.path.join('.')}${value.instance ? ':instance' : ''}`;
      case 'string':
        return value.value === undefined ? 'string' : `string:${value.value}`;
      case 'constant':
        return `constant:${String(value.value)}`;
      case 'imported':
        return `imported:${value.specifier}${value.module ? ':module' : ''}`;
      default:
        return value.kind;
    }
  });
}

describe('ValueResolver: the core', () => {
  it('resolves modules by require and import, with and without the node: prefix', () => {
    const file = parse("import https from 'node:https';\nconst http = require('http');\nhttp.get;\nhttps.request;\n");
    expect(kinds(file.values.resolve(file.node('http.get')))).toEqual(['request-function:http.get']);
    expect(kinds(file.values.resolve(file.node('https.request')))).toEqual(['request-function:https.request']);
  });

  it('follows both branches of a conditional, and every assignment of a variable', () => {
    const file = parse(
      [
        "const http = require('http');",
        "const https = require('https');",
        'let mod = http;',
        'if (process.env.TLS) mod = https;',
        '(process.env.TLS ? https : http).request;',
        'mod.get;',
      ].join('\n'),
    );
    expect(kinds(file.values.resolve(file.node('(process.env.TLS ? https : http).request')))).toEqual([
      'request-function:https.request',
      'request-function:http.request',
    ]);
    expect(kinds(file.values.resolve(file.node('mod.get')))).toEqual(['request-function:http.get', 'request-function:https.get']);
  });

  it('reads destructuring, agent options and keep-alive defaults', () => {
    const file = parse(
      [
        "const { Agent } = require('node:http');",
        "const KeepAlive = require('agentkeepalive');",
        'const on = new Agent({ keepAlive: true });',
        'const off = new Agent();',
        'const maybe = new Agent({ keepAlive: process.env.KA === "1" });',
        'const pooled = new KeepAlive.HttpsAgent();',
        'on; off; maybe; pooled;',
      ].join('\n'),
    );
    const agent = (name: string) => kinds(file.values.resolve(file.node(name, AST_NODE_TYPES.Identifier)));
    expect(file.values.resolve(file.node('on', AST_NODE_TYPES.Identifier))[0]).toMatchObject({ kind: 'agent' });
    expect([agent('on'), agent('off'), agent('maybe'), agent('pooled')]).toEqual([
      ['agent:http:true'],
      ['agent:http:false'],
      ['agent:http:undefined'],
      ['agent:agentkeepalive:true'],
    ]);
  });

  it('looks properties up through spreads and later assignments, and says when they may be absent', () => {
    const file = parse(
      [
        "const http = require('http');",
        'const agent = new http.Agent({ keepAlive: true });',
        'const base = { agent };',
        "const options = { ...base, host: 'a.test' };",
        'const later = {};',
        'later.agent = agent;',
        'const partial = { ...unknownThing };',
        'options; later; partial;',
      ].join('\n'),
    );
    const lookup = (name: string) => file.values.lookupProperty(file.node(name, AST_NODE_TYPES.Identifier), 'agent');
    expect(lookup('options')).toMatchObject({ mayBeAbsent: false, values: [{ kind: 'agent', keepAlive: true }] });
    expect(lookup('later')).toMatchObject({ mayBeAbsent: false, values: [{ kind: 'agent', keepAlive: true }] });
    expect(lookup('partial')).toEqual({ mayBeAbsent: true, values: [{ kind: 'unknown' }] });
    expect(file.values.lookupProperty(file.node('base', AST_NODE_TYPES.Identifier), 'host')).toEqual({ values: [], mayBeAbsent: true });
  });

  it('stops on values defined by each other, and answers each node once', () => {
    const file = parse('var a = b;\nvar b = a;\na;\n');
    const first = file.values.resolve(statement(file, 'a;'));
    expect(kinds(first)).toEqual(['unknown']);
    expect(file.values.resolve(statement(file, 'a;'))).toBe(first);
  });

  it('tells strings, URLs and literals apart from what it cannot see', () => {
    const file = parse("const u = new URL('http://a.test');\nconst t = `x${u}`;\nconst n = -1;\nconst f = () => 1;\nu; t; n; f; whatever;\n");
    const of = (name: string) => kinds(file.values.resolve(file.node(name, AST_NODE_TYPES.Identifier)));
    expect([of('u'), of('t'), of('n'), of('f'), of('whatever')]).toEqual([['string'], ['string'], ['constant:-1'], ['function'], ['unknown']]);
  });

  it('sees a global only when no binding of the file hides it', () => {
    const file = parse('const fetch = () => 1;\nfetch;\nrequire;\n');
    expect(file.values.isGlobal(statement(file, 'fetch;'), 'fetch')).toBe(false);
    expect(file.values.isGlobal(statement(file, 'require;'), 'require')).toBe(true);
  });
});

describe('ValueResolver: class members', () => {
  it("reads this.x from field initialisers, constructor assignments, parameter properties and getters", () => {
    const file = parse(
      [
        "import http from 'node:http';",
        'class Client {',
        '  field = new http.Agent({ keepAlive: true });',
        '  constructor(private readonly injected: http.Agent) { this.assigned = new http.Agent(); }',
        '  get viaGetter() { return this.field; }',
        '  send() { return [this.field, this.assigned, this.viaGetter, this.injected, this.missing]; }',
        '}',
      ].join('\n'),
      { filePath: 'client.ts' },
    );
    const member = (name: string) => kinds(file.values.resolve(file.node(`this.${name}`, AST_NODE_TYPES.MemberExpression)));
    expect(member('field')).toEqual(['agent:http:true']);
    expect(member('assigned')).toEqual(['agent:http:false']);
    expect(member('viaGetter')).toEqual(['agent:http:true']);
    expect(member('injected')).toEqual(['unknown']);
    expect(member('missing')).toEqual(['unknown']);
  });

  it('does not take `this` of a plain function for the class instance', () => {
    const file = parse("class A { agent = 1; m() { return function () { return this.agent; }; } }\n");
    expect(kinds(file.values.resolve(file.node('this.agent', AST_NODE_TYPES.MemberExpression)))).toEqual(['unknown']);
  });
});

describe('ValueResolver: imports across modules', () => {
  it('without type information, an import from another module is known only by its specifier', () => {
    const file = parse("import { agent } from './agents.js';\nimport * as all from './agents.js';\nagent; all.agent;\n");
    expect(kinds(file.values.resolve(statement(file, 'agent;')))).toEqual([
      'imported:./agents.js',
    ]);
    expect(kinds(file.values.resolve(file.node('all.agent')))).toEqual(['imported:./agents.js']);
  });

  it('with a host that finds declarations, reads the value where the other module creates it', () => {
    const agents = parseForAnalysis("import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true });\n", {
      filePath: '/project/agents.ts',
    });
    const declared = [...agents.program.body].flatMap((statement) =>
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration
        ? statement.declaration.declarations.map((declarator) => declarator.id)
        : [],
    );
    const file = parse("import { agent } from './agents.js';\nagent;\n", {
      filePath: '/project/main.ts',
      host: (host) => ({
        ...host,
        findImportedDeclaration: (binding) =>
          binding.name === 'agent' ? { fileName: '/project/agents.ts', host: agents.host, node: declared[0] as TSESTree.Node } : null,
      }),
    });
    const [value] = file.values.resolve(statement(file, 'agent;'));
    expect(value).toMatchObject({ kind: 'agent', keepAlive: true, origin: { fileName: '/project/agents.ts' } });
  });
});
