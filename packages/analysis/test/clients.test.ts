import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { describe, expect, it } from 'vitest';
import { axios } from '../src/clients/axios.js';
import type { ClientContext, ClientLibrary } from '../src/clients/client.js';
import { got } from '../src/clients/got.js';
import { CLIENT_ADVICE, CLIENT_REQUEST_PACKAGES, ClientSites, clientPackageOf } from '../src/clients/index.js';
import { nodeFetch } from '../src/clients/node-fetch.js';
import { superagent } from '../src/clients/superagent.js';
import { undici } from '../src/clients/undici.js';
import { mayUseClient } from '../src/pre-check.js';
import type { ClientValue } from '../src/values/abstract-value.js';
import { type Parsed, parse } from './parse.js';

/** The site `client` finds at the call whose text is `callText`, asking the client file itself. */
function siteAt(client: ClientLibrary, file: Parsed, callText: string) {
  const call = file.node<TSESTree.CallExpression>(callText, AST_NODE_TYPES.CallExpression);
  const context: ClientContext = { program: file.program, values: file.values, guards: file.guards };
  const unbound = client.unboundCallSite?.(call, context);
  if (unbound) return unbound;
  const callee = file.values.resolve(call.callee).find((value): value is ClientValue => value.kind === 'client');
  return callee ? client.callSite?.(call, callee, context) : undefined;
}

const AGENT = "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true });\n";

describe('clients/index.ts', () => {
  it('derives the package set, the advice and the pre-check from the one list', () => {
    expect(CLIENT_REQUEST_PACKAGES).toEqual(['axios', 'node-fetch', 'got', 'superagent', 'undici']);
    // In the order the advice has always been listed (SKIP_REASONS takes its client-* keys from it).
    expect(Object.keys(CLIENT_ADVICE)).toEqual(['axios', 'node-fetch', 'got', 'superagent', 'undici']);
    expect(clientPackageOf('axios-retry')).toBe('axios-retry');
    expect(clientPackageOf('request')).toBeUndefined();
    expect(CLIENT_REQUEST_PACKAGES.every((name) => mayUseClient(`import x from '${name}';`))).toBe(true);
    // A companion package alone is no reason to read a file.
    expect(mayUseClient("import axiosRetry from 'axios-retry';")).toBe(false);
  });

  it('names the client of each site it finds in one walk', () => {
    const file = parse(`${AGENT}import axios from 'axios';\nimport got from 'got';\naxios.get('/a', { httpAgent: agent });\ngot('/b', { agent: { http: agent }, retry: { limit: 0 } });\n`);
    const sites = new ClientSites(file.program, file.values, file.guards);
    const calls = file.program.body.flatMap((statement) =>
      statement.type === AST_NODE_TYPES.ExpressionStatement ? [sites.siteAt(statement.expression)?.client] : [],
    );
    expect(calls).toEqual(['axios', 'got']);
  });
});

describe('clients/axios.ts', () => {
  it('finds a keep-alive agent in the config of each call shape, and in defaults', () => {
    const file = parse(
      `${AGENT}import axios from 'axios';\nconst api = axios.create({ httpsAgent: agent });\napi.post('/x', {}, { httpAgent: agent });\naxios({ url: '/y', httpAgent: agent });\naxios.defaults.httpAgent = agent;\n`,
    );
    expect(siteAt(axios, file, 'axios.create({ httpsAgent: agent })')).toMatchObject({ agent: { kind: 'agent' }, nonIdempotent: false });
    expect(siteAt(axios, file, "api.post('/x', {}, { httpAgent: agent })")).toBeDefined();
    expect(siteAt(axios, file, "axios({ url: '/y', httpAgent: agent })")).toBeDefined();
    const assignment = file.node<TSESTree.AssignmentExpression>('axios.defaults.httpAgent = agent', AST_NODE_TYPES.AssignmentExpression);
    expect(axios.assignmentSite?.(assignment, { program: file.program, values: file.values, guards: file.guards })).toBeDefined();
  });

  it('leaves an instance that axios-retry or a retrying interceptor guards, and a config without a keep-alive agent', () => {
    const file = parse(
      [
        AGENT,
        "import axios from 'axios';",
        "import axiosRetry from 'axios-retry';",
        'const retried = axios.create({});',
        'axiosRetry(retried, { retries: 3 });',
        'const intercepted = axios.create({});',
        "intercepted.interceptors.response.use(undefined, (err) => { if (err.code === 'ECONNRESET') return intercepted.request(err.config); throw err; });",
        'const off = axios.create({});',
        'axiosRetry(off, { retries: 0 });',
        "retried.get('/a', { httpAgent: agent });",
        "intercepted.get('/b', { httpAgent: agent });",
        "off.get('/c', { httpAgent: agent });",
        "axios.get('/d', { timeout: 5 });",
      ].join('\n'),
    );
    expect(siteAt(axios, file, "retried.get('/a', { httpAgent: agent })")).toBeUndefined();
    expect(siteAt(axios, file, "intercepted.get('/b', { httpAgent: agent })")).toBeUndefined();
    expect(siteAt(axios, file, "off.get('/c', { httpAgent: agent })")).toBeDefined();
    // No agent at all: the default instance on Node's global agent (reported when that keeps sockets alive).
    expect(siteAt(axios, file, "axios.get('/d', { timeout: 5 })")).toMatchObject({ agent: 'global' });
  });
});

describe('clients/got.ts', () => {
  it("reports only when got's own retry is off for the method, and says when the method is not idempotent", () => {
    const file = parse(
      [
        AGENT,
        "import got from 'got';",
        'const client = got.extend({ agent: { http: agent } });',
        "client('/default');",
        "client.post('/post');",
        "client('/off', { retry: { limit: 0 } });",
        "client('/codes', { retry: { errorCodes: ['ETIMEDOUT'] } });",
      ].join('\n'),
    );
    expect(siteAt(got, file, "client('/default')")).toBeUndefined();
    expect(siteAt(got, file, "client.post('/post')")).toMatchObject({ nonIdempotent: true });
    expect(siteAt(got, file, "client('/off', { retry: { limit: 0 } })")).toMatchObject({ nonIdempotent: false });
    expect(siteAt(got, file, "client('/codes', { retry: { errorCodes: ['ETIMEDOUT'] } })")).toBeDefined();
  });
});

describe('clients/node-fetch.ts', () => {
  it('reads an agent or an agent function, and leaves a promise whose rejection is checked', () => {
    const file = parse(
      [
        AGENT,
        "import fetch from 'node-fetch';",
        "fetch('/a', { agent });",
        "fetch('/b', { agent: () => agent });",
        "fetch('/c', { agent }).catch((err) => { if (err.code === 'ECONNRESET') return fetch('/c'); throw err; });",
        "fetch('/d');",
      ].join('\n'),
    );
    expect(siteAt(nodeFetch, file, "fetch('/a', { agent })")).toBeDefined();
    expect(siteAt(nodeFetch, file, "fetch('/b', { agent: () => agent })")).toBeDefined();
    expect(siteAt(nodeFetch, file, "fetch('/c', { agent })")).toBeUndefined();
    expect(siteAt(nodeFetch, file, "fetch('/d')")).toBeUndefined();
  });
});

describe('clients/superagent.ts', () => {
  // One file per case: a `.retry()` on any request made from the same `request` binding counts for all of them (see the analysis README).
  const at = (lines: readonly string[], callText: string) =>
    siteAt(superagent, parse([AGENT, "import request from 'superagent';", ...lines].join('\n')), callText);

  it('reports .agent(keepAlive) with no .retry()', () => {
    expect(at(["request.get('/a').agent(agent).end(() => {});"], "request.get('/a').agent(agent)")).toBeDefined();
    expect(at(["request.get('/d').agent(agent).retry(0);"], "request.get('/d').agent(agent)")).toBeDefined();
  });

  it('reads .retry() in the chain, and on a variable that holds the request itself', () => {
    expect(at(["request.get('/b').retry(2).agent(agent).end(() => {});"], "request.get('/b').retry(2).agent(agent)")).toBeUndefined();
    expect(at(["const req = request.agent(agent);", 'req.retry();'], 'request.agent(agent)')).toBeUndefined();
  });

  // Known: the variable is looked for above the bottom of the chain (`request.get('/c')`), not above its top, so this is reported.
  it.fails('reads .retry() on a variable that holds the end of a longer chain', () => {
    expect(at(["const req = request.get('/c').agent(agent);", 'req.retry();'], "request.get('/c').agent(agent)")).toBeUndefined();
  });

  // Known: a `.retry()` on any request made from the same `request` binding counts for all of them.
  it.fails('does not take the .retry() of another request from the same import', () => {
    expect(at(["request.get('/a').agent(agent).end(() => {});", "request.get('/b').retry(2).end(() => {});"], "request.get('/a').agent(agent)")).toBeDefined();
  });

  it('gives the request again for every call of it', () => {
    const file = parse("import request from 'superagent';\nrequest.get('/a');\n");
    expect(superagent.callValues?.(file.node("request.get('/a')", AST_NODE_TYPES.CallExpression), { kind: 'client', client: 'superagent', path: ['get'] })).toEqual([
      { kind: 'client', client: 'superagent', path: [] },
    ]);
  });
});

describe('clients/undici.ts', () => {
  it("makes dispatchers, and a retry once wrapped in RetryAgent or composed with interceptors.retry()", () => {
    const file = parse(
      [
        "import { Agent, Pool, RetryAgent, fetch, interceptors } from 'undici';",
        'const plain = new Agent();',
        "const retried = new RetryAgent(new Pool('http://a.test'));",
        'const composed = new Agent().compose(interceptors.retry());',
        "fetch('/a', { dispatcher: plain });",
        "fetch('/b', { dispatcher: retried });",
        "fetch('/c', { dispatcher: composed });",
        "globalThis.fetch('/d', { dispatcher: plain });",
      ].join('\n'),
    );
    expect(siteAt(undici, file, "fetch('/a', { dispatcher: plain })")).toMatchObject({ agent: { kind: 'dispatcher', retry: false } });
    expect(siteAt(undici, file, "fetch('/b', { dispatcher: retried })")).toBeUndefined();
    expect(siteAt(undici, file, "fetch('/c', { dispatcher: composed })")).toBeUndefined();
    expect(siteAt(undici, file, "globalThis.fetch('/d', { dispatcher: plain })")).toBeDefined();
    const creation = file.node<TSESTree.NewExpression>('new Agent()', AST_NODE_TYPES.NewExpression);
    expect(undici.constructionValue?.({ kind: 'client', client: 'undici', path: ['Agent'] }, creation)).toEqual({
      kind: 'dispatcher',
      retry: false,
      creation,
    });
  });
});
