import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { noUnguardedRequest } from '../src/rules/no-unguarded-request.js';
import { enginesTester, javascriptTester, lines, typescriptTester } from './rule-tester.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

// Every report carries the codemod's rewrite as one suggestion, unless the codemod skips the site (`suggestions: 0`).
// The exact rewrites are checked by the codemod's fixtures and by the parity tests.
const keepAlive = (line: number, column: number, suggestions = 1) => ({ messageId: 'unguardedKeepAliveAgent' as const, line, column, suggestions });
const globalAgent = (line: number, column: number, suggestions = 1) => ({ messageId: 'unguardedGlobalAgent' as const, line, column, suggestions });

// How the http module is obtained: CommonJS.
javascriptTester.run('no-unguarded-request: CommonJS modules', noUnguardedRequest, {
  valid: [
    {
      name: 'a local require() that is not Node’s',
      code: lines(
        'function require(name) { return { get() {}, Agent: class {} }; }',
        "const http = require('http');",
        'const agent = new http.Agent({ keepAlive: true });',
        "http.get('http://a.test', { agent });",
      ),
      languageOptions: { sourceType: 'script' },
    },
  ],
  invalid: [
    {
      name: 'require, namespace',
      code: lines(
        "const http = require('http');",
        'const agent = new http.Agent({ keepAlive: true });',
        "http.get('http://a.test', { agent }, (res) => res.resume());",
      ),
      languageOptions: { sourceType: 'commonjs' },
      errors: [{ ...keepAlive(3, 1), data: { callee: 'http.get', agent: 'the keep-alive agent `agent`', where: 'on line 2' } }],
    },
    {
      name: 'require in a plain script',
      code: lines(
        "var https = require('node:https');",
        'var agent = new https.Agent({ keepAlive: true });',
        "https.request('https://a.test', { agent }).end();",
      ),
      languageOptions: { sourceType: 'script' },
      errors: [keepAlive(3, 1)],
    },
    {
      name: 'require, destructured',
      code: lines(
        "const { get, Agent } = require('node:http');",
        'const agent = new Agent({ keepAlive: true });',
        "get('http://a.test', { agent });",
      ),
      languageOptions: { sourceType: 'commonjs' },
      errors: [{ ...keepAlive(3, 1), data: { callee: 'get', agent: 'the keep-alive agent `agent`', where: 'on line 2' } }],
    },
    {
      name: 'require, destructured and renamed',
      code: lines(
        "const { request: send, Agent: KeepAliveAgent } = require('https');",
        'const pool = new KeepAliveAgent({ keepAlive: true });',
        "send({ host: 'a.test', agent: pool }).end();",
      ),
      languageOptions: { sourceType: 'commonjs' },
      errors: [{ ...keepAlive(3, 1), data: { callee: 'send', agent: 'the keep-alive agent `pool`', where: 'on line 2' } }],
    },
    {
      name: 'inline require',
      code: lines(
        "const agent = new (require('http').Agent)({ keepAlive: true });",
        "require('http').get('http://a.test', { agent });",
      ),
      languageOptions: { sourceType: 'commonjs' },
      errors: [keepAlive(2, 1)],
    },
    {
      name: 'a local alias of the module and of its function',
      code: lines(
        "const http = require('http');",
        'const client = http;',
        'const fetchIt = client.get;',
        'const agent = new client.Agent({ keepAlive: true });',
        "fetchIt('http://a.test', { agent });",
      ),
      languageOptions: { sourceType: 'commonjs' },
      errors: [keepAlive(5, 1)],
    },
  ],
});

// How the http module is obtained: ES modules and TypeScript.
typescriptTester.run('no-unguarded-request: ES modules', noUnguardedRequest, {
  valid: [
    {
      name: 'type-only import',
      code: lines(
        "import type http from 'node:http';",
        'declare const client: typeof http;',
        "client.get('http://a.test', { agent: undefined });",
      ),
    },
    {
      name: 'type-only named import',
      code: lines(
        "import { type get } from 'node:http';",
        'declare const fetchIt: typeof get;',
        "fetchIt('http://a.test');",
      ),
    },
  ],
  invalid: [
    {
      name: 'default import',
      code: lines(
        "import http from 'http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "http.request('http://a.test', { agent }).end();",
      ),
      errors: [keepAlive(3, 1)],
    },
    {
      name: 'namespace import',
      code: lines(
        "import * as https from 'node:https';",
        'const agent = new https.Agent({ keepAlive: true });',
        "https.get('https://a.test', { agent });",
      ),
      errors: [keepAlive(3, 1)],
    },
    {
      name: 'named imports, renamed',
      code: lines(
        "import { request as send, Agent as Pool } from 'node:http';",
        'const agent = new Pool({ keepAlive: true });',
        "send({ host: 'a.test', agent }).end();",
      ),
      errors: [{ ...keepAlive(3, 1), data: { callee: 'send', agent: 'the keep-alive agent `agent`', where: 'on line 2' } }],
    },
    {
      name: 'import = require',
      code: lines(
        "import http = require('http');",
        'const agent = new http.Agent({ keepAlive: true });',
        "http.get('http://a.test', { agent });",
      ),
      errors: [keepAlive(3, 1)],
    },
    {
      name: 'dynamic import',
      code: lines(
        "const http = await import('node:http');",
        'const agent = new http.Agent({ keepAlive: true });',
        "http.get('http://a.test', { agent });",
      ),
      errors: [keepAlive(3, 1)],
    },
    {
      name: 'module chosen by a conditional',
      code: lines(
        "import http from 'node:http';",
        "import https from 'node:https';",
        'declare const secure: boolean;',
        'const agent = new (secure ? https : http).Agent({ keepAlive: true });',
        "(secure ? https : http).request({ host: 'a.test', agent }).end();",
      ),
      errors: [{ ...keepAlive(5, 1), data: { callee: '(secure ? https : http).request', agent: 'the keep-alive agent `agent`', where: 'on line 4' } }],
    },
    {
      name: 'module alias chosen by a conditional',
      code: lines(
        "import http from 'node:http';",
        "import https from 'node:https';",
        "const transport = process.env.TLS ? https : http;",
        "transport.get('http://a.test');",
      ),
      errors: [{ ...globalAgent(4, 1), data: { callee: 'transport.get', reason: "the configured Node version '>=20' includes Node 19 or later" } }],
    },
    {
      name: 'optional call and type assertions',
      code: lines(
        "import * as http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true }) as http.Agent;',
        "(http as typeof http)?.get('http://a.test', { agent: agent! });",
      ),
      errors: [keepAlive(3, 1)],
    },
  ],
});

// new ClientRequest and call shapes.
typescriptTester.run('no-unguarded-request: call shapes', noUnguardedRequest, {
  valid: [
    {
      name: '(url) with an explicit agent that is not keep-alive',
      code: lines("import http from 'node:http';", "http.get('http://a.test', { agent: new http.Agent() });"),
    },
  ],
  invalid: [
    {
      name: '(url)',
      code: lines("import http from 'node:http';", "http.get('http://a.test');"),
      errors: [globalAgent(2, 1)],
    },
    {
      name: '(url) given as a URL object and as a variable named like a URL',
      code: lines(
        "import http from 'node:http';",
        "http.get(new URL('http://a.test'));",
        'export const ping = (statusUrl: string) => http.get(statusUrl);',
      ),
      errors: [globalAgent(2, 1), globalAgent(3, 44, 0)],
    },
    {
      name: '(url, callback)',
      code: lines("import https from 'node:https';", 'https.get(`https://a.test/${1}`, (res) => res.resume());'),
      errors: [globalAgent(2, 1)],
    },
    {
      name: '(url, options, callback)',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "http.request('http://a.test', { method: 'PUT', agent }, (res) => res.resume()).end();",
      ),
      errors: [keepAlive(3, 1)],
    },
    {
      name: '(options, callback)',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "http.request({ host: 'a.test', agent }, (res) => res.resume()).end();",
      ),
      errors: [keepAlive(3, 1)],
    },
    {
      name: '(url, options) with an unknown URL',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'export const send = (target: string) => http.request(target, { agent });',
      ),
      errors: [keepAlive(3, 41, 0)],
    },
    {
      name: 'new ClientRequest, named import and member',
      code: lines(
        "import http, { ClientRequest } from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "new ClientRequest('http://a.test', { agent }).end();",
        "new http.ClientRequest({ host: 'a.test', agent }).end();",
      ),
      errors: [
        { ...keepAlive(3, 1), data: { callee: 'new ClientRequest', agent: 'the keep-alive agent `agent`', where: 'on line 2' } },
        keepAlive(4, 1),
      ],
    },
  ],
});

// Which agents are keep-alive.
typescriptTester.run('no-unguarded-request: agents', noUnguardedRequest, {
  valid: [
    { name: 'agent: false', code: lines("import http from 'node:http';", "http.get('http://a.test', { agent: false });") },
    {
      name: 'keepAlive: false',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: false });',
        "http.get('http://a.test', { agent });",
      ),
    },
    {
      name: 'an agent that cannot be resolved in the file',
      code: lines(
        "import http from 'node:http';",
        "import { agent } from './agents.js';",
        "http.get('http://a.test', { agent });",
      ),
    },
    {
      name: 'agentkeepalive with keepAlive: false',
      code: lines(
        "import http from 'node:http';",
        "import Agent from 'agentkeepalive';",
        "http.get('http://a.test', { agent: new Agent({ keepAlive: false }) });",
      ),
    },
    {
      name: 'createConnection: no agent is used',
      code: lines(
        "import http from 'node:http';",
        "import net from 'node:net';",
        'const agent = new http.Agent({ keepAlive: true });',
        "http.get('http://a.test', { agent, createConnection: () => net.connect(80, 'a.test') });",
      ),
    },
  ],
  invalid: [
    {
      name: 'https.Agent, named Agent, Agent without new',
      code: lines(
        "import https, { Agent } from 'node:https';",
        'const a = new https.Agent({ keepAlive: true });',
        'const b = new Agent({ keepAlive: true });',
        'const c = Agent({ keepAlive: true } as any);',
        "https.get('https://a.test', { agent: a });",
        "https.get('https://a.test', { agent: b });",
        "https.get('https://a.test', { agent: c });",
      ),
      errors: [keepAlive(5, 1), keepAlive(6, 1), keepAlive(7, 1)],
    },
    {
      name: 'agent options in a variable, and minified keepAlive: !0',
      code: lines(
        "import http from 'node:http';",
        'const agentOptions = { keepAlive: true, maxSockets: 10 };',
        'const a = new http.Agent(agentOptions);',
        'const b = new http.Agent({ keepAlive: !0 });',
        "http.get('http://a.test', { agent: a });",
        "http.get('http://a.test', { agent: b });",
      ),
      errors: [keepAlive(5, 1), keepAlive(6, 1)],
    },
    {
      name: 'agentkeepalive: default export, HttpAgent and HttpsAgent',
      code: lines(
        "import http from 'node:http';",
        "import https from 'node:https';",
        "import Agent, { HttpsAgent } from 'agentkeepalive';",
        'const a = new Agent();',
        'const b = new HttpsAgent({ freeSocketTimeout: 4000 });',
        'const c = new Agent.HttpAgent({ keepAlive: true });',
        "http.get('http://a.test', { agent: a });",
        "https.get('https://a.test', { agent: b });",
        "http.get('http://a.test', { agent: c });",
      ),
      errors: [keepAlive(7, 1), keepAlive(8, 1), keepAlive(9, 1)],
    },
    {
      name: 'a class field read as this.agent',
      code: lines(
        "import https from 'node:https';",
        'export class Client {',
        '  private agent = new https.Agent({ keepAlive: true });',
        '  fetch(path: string) {',
        "    return https.get({ host: 'a.test', path, agent: this.agent });",
        '  }',
        '}',
      ),
      errors: [{ ...keepAlive(5, 12, 0), data: { callee: 'https.get', agent: 'the keep-alive agent `this.agent`', where: 'on line 3' } }],
    },
    {
      name: 'an agent assigned in the constructor, used in an arrow function',
      code: lines(
        "import http from 'node:http';",
        'export class Client {',
        '  agent: http.Agent;',
        '  constructor() {',
        '    this.agent = new http.Agent({ keepAlive: true });',
        '  }',
        '  fetch = (path: string) =>',
        "    http.get({ host: 'a.test', path, agent: this.agent });",
        '}',
      ),
      errors: [{ ...keepAlive(8, 5, 0), data: { callee: 'http.get', agent: 'the keep-alive agent `this.agent`', where: 'on line 5' } }],
    },
    {
      name: 'conditional and logical agents: any keep-alive branch counts',
      code: lines(
        "import http from 'node:http';",
        'const pool = new http.Agent({ keepAlive: true });',
        'declare const reuse: boolean;',
        'declare const custom: http.Agent | undefined;',
        "http.get('http://a.test', { agent: reuse ? pool : undefined });",
        "http.get('http://a.test', { agent: custom || pool });",
        "http.get('http://a.test', { agent: custom ?? pool });",
      ),
      errors: [keepAlive(5, 1), keepAlive(6, 1), keepAlive(7, 1)],
    },
  ],
});

// Where the agent option comes from.
typescriptTester.run('no-unguarded-request: options', noUnguardedRequest, {
  valid: [
    {
      name: 'a later agent: false wins over a spread keep-alive agent',
      code: lines(
        "import http from 'node:http';",
        'const base = { agent: new http.Agent({ keepAlive: true }) };',
        "http.get('http://a.test', { ...base, agent: false });",
      ),
    },
  ],
  invalid: [
    {
      name: 'options in a variable',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "const options = { host: 'a.test', agent };",
        'http.request(options).end();',
      ),
      errors: [keepAlive(4, 1)],
    },
    {
      name: 'options from a spread',
      code: lines(
        "import http from 'node:http';",
        "const base = { host: 'a.test', agent: new http.Agent({ keepAlive: true }) };",
        "http.request({ ...base, path: '/x' }).end();",
      ),
      errors: [{ ...keepAlive(3, 1), data: { callee: 'http.request', agent: 'the keep-alive agent `base.agent`', where: 'on line 2' } }],
    },
    {
      name: 'opts.agent = ... assignment',
      code: lines(
        "import http from 'node:http';",
        'const keepAliveAgent = new http.Agent({ keepAlive: true });',
        "const opts: http.RequestOptions = { host: 'a.test' };",
        'opts.agent = keepAliveAgent;',
        'http.request(opts).end();',
      ),
      errors: [{ ...keepAlive(5, 1), data: { callee: 'http.request', agent: 'the keep-alive agent `keepAliveAgent`', where: 'on line 2' } }],
    },
    {
      name: 'an agent variable assigned after its declaration',
      code: lines(
        "import http from 'node:http';",
        'let agent: http.Agent | undefined;',
        'agent = new http.Agent({ keepAlive: true });',
        "http.get('http://a.test', { agent });",
      ),
      errors: [keepAlive(4, 1)],
    },
  ],
});

// The global agent.
typescriptTester.run('no-unguarded-request: global agent', noUnguardedRequest, {
  valid: [
    {
      name: "globalAgent: 'off'",
      code: lines("import http from 'node:http';", "http.get('http://a.test');"),
      options: [{ globalAgent: 'off' }],
    },
    {
      name: 'settings: a Node range below 19',
      code: lines("import http from 'node:http';", "http.get('http://a.test');"),
      settings: { keepaliveGuard: { nodeVersion: '^18.0.0' } },
    },
    {
      name: 'the rule option nodeVersion wins over settings',
      code: lines("import http from 'node:http';", "http.get('http://a.test');"),
      options: [{ nodeVersion: '16 || 18' }],
    },
    {
      name: 'the file sets a global agent without keep-alive',
      code: lines(
        "import http from 'node:http';",
        'http.globalAgent = new http.Agent({ keepAlive: false });',
        "http.get('http://a.test');",
      ),
    },
  ],
  invalid: [
    {
      name: 'agent: undefined and agent: http.globalAgent',
      code: lines(
        "import http from 'node:http';",
        "http.get('http://a.test', { agent: undefined });",
        "http.get('http://a.test', { agent: http.globalAgent });",
      ),
      errors: [globalAgent(2, 1), globalAgent(3, 1)],
    },
    {
      name: "globalAgent: 'keep-alive' is final",
      code: lines("import http from 'node:http';", "http.get('http://a.test');"),
      options: [{ globalAgent: 'keep-alive' }],
      settings: { keepaliveGuard: { nodeVersion: '^18.0.0' } },
      errors: [{ ...globalAgent(2, 1), data: { callee: 'http.get', reason: "the option globalAgent is 'keep-alive'" } }],
    },
    {
      name: 'the file sets a keep-alive global agent',
      code: lines(
        "import http from 'node:http';",
        'http.globalAgent = new http.Agent({ keepAlive: true });',
        "http.get('http://a.test');",
      ),
      options: [{ globalAgent: 'off' }],
      errors: [
        {
          ...globalAgent(3, 1),
          data: { callee: 'http.get', reason: 'http.globalAgent is set to a keep-alive agent on line 2' },
        },
      ],
    },
  ],
});

// The Node version from the nearest package.json, with no settings.
enginesTester.run('no-unguarded-request: engines.node', noUnguardedRequest, {
  valid: [
    {
      name: 'engines.node of the nearest package.json below 19',
      code: lines("import http from 'node:http';", "http.get('http://a.test');"),
      filename: path.join(fixtures, 'node18-package', 'src', 'client.ts'),
    },
  ],
  invalid: [
    {
      name: 'engines.node of the nearest package.json admits 19+',
      code: lines("import https from 'node:https';", "https.get('https://a.test');"),
      filename: path.join(fixtures, 'node20-package', 'client.ts'),
      errors: [
        {
          ...globalAgent(2, 1),
          data: {
            callee: 'https.get',
            reason: "engines.node '>=20.19' of node20-package includes Node 19 or later",
          },
        },
      ],
    },
    {
      name: 'no Node version anywhere: Node 19 or later is assumed',
      code: lines("import https from 'node:https';", "https.get('https://a.test');"),
      filename: path.join(fixtures, 'no-engines-package', 'client.ts'),
      errors: [
        {
          ...globalAgent(2, 1),
          data: { callee: 'https.get', reason: 'no Node version is configured, so Node 19 or later is assumed' },
        },
      ],
    },
  ],
});

// What counts as guarded.
typescriptTester.run('no-unguarded-request: guards', noUnguardedRequest, {
  valid: [
    {
      name: "Node's documented retry, chained on the call",
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'function retriableRequest() {',
        '  const req = http',
        "    .get('http://a.test', { agent }, () => {})",
        "    .on('error', (err: NodeJS.ErrnoException) => {",
        "      if (req.reusedSocket && err.code === 'ECONNRESET') retriableRequest();",
        '    });',
        '}',
      ),
    },
    {
      name: 'a listener on the variable that destructures reusedSocket',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'function send(): void {',
        "  const req = http.request('http://a.test', { agent });",
        "  req.once('error', () => {",
        '    const { reusedSocket } = req;',
        '    if (reusedSocket) send();',
        '  });',
        '  req.end();',
        '}',
      ),
    },
    {
      name: 'a function listener that reads this.reusedSocket',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "http.get('http://a.test', { agent }).prependListener('error', function (this: http.ClientRequest) {",
        '  if (this.reusedSocket) return retryLater();',
        '});',
      ),
    },
    {
      name: 'a listener declared as a function, and one in a variable',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "const a = http.get('http://a.test', { agent });",
        "a.on('error', onError);",
        'function onError(err: NodeJS.ErrnoException) {',
        "  if (err.code === 'ECONNRESET') queue.retry(a);",
        '}',
        "const b = http.get('http://a.test', { agent });",
        'const onErrorB = () => b.reusedSocket && queue.retry(b);',
        "b.addListener('error', onErrorB);",
      ),
    },
    {
      name: 'a listener that asks a helper, given the request',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'function shouldRetry(request: http.ClientRequest, attempt: number) {',
        '  return request.reusedSocket && attempt < 3;',
        '}',
        '(function send(attempt = 0) {',
        "  const req = http.get('http://a.test', { agent });",
        "  req.on('error', (err) => {",
        '    if (shouldRetry(req, attempt)) return send(attempt + 1);',
        '    throw err;',
        '  });',
        '})();',
      ),
    },
    {
      name: 'inside a retry wrapper, directly and by name',
      code: lines(
        "import http from 'node:http';",
        "import pRetry from 'p-retry';",
        'const agent = new http.Agent({ keepAlive: true });',
        'pRetry(() => new Promise((resolve, reject) => {',
        "  http.get('http://a.test', { agent }, resolve).on('error', reject);",
        '}));',
        'async function attempt() {',
        "  return http.get('http://a.test', { agent });",
        '}',
        'pRetry(attempt, { retries: 3 });',
      ),
    },
    {
      name: 'the default wrappers match a member name too',
      code: lines(
        "import http from 'node:http';",
        'declare const backoff: { retry(fn: () => unknown): void };',
        'const agent = new http.Agent({ keepAlive: true });',
        "backoff.retry(() => http.get('http://a.test', { agent }));",
      ),
    },
    {
      name: 'an existing retry: it resends when the code is in a module-level Set',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "const RETRYABLE = new Set(['ECONNRESET', 'EPIPE']);",
        'function fetchProfile(id: string, attempt = 1): void {',
        '  const req = http.get(`http://a.test/${id}`, { agent });',
        "  req.on('error', (err: NodeJS.ErrnoException) => {",
        '    if (attempt === 1 && RETRYABLE.has(err.code ?? "")) fetchProfile(id, attempt + 1);',
        '  });',
        '}',
      ),
    },
    {
      name: 'an existing retry: a same-file helper reads the codes from an array, and the listener calls the sending function',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "const CODES = ['ECONNRESET', 'ETIMEDOUT'];",
        'const isRetryable = (err: NodeJS.ErrnoException) => CODES.includes(err.code ?? "");',
        'export function post(n: number): void {',
        '  const attempt = (tries: number) => {',
        "    const req = http.request('http://a.test', { method: 'PUT', agent });",
        "    req.on('error', (err) => { if (tries < n && isRetryable(err)) attempt(tries + 1); });",
        '    req.end();',
        '  };',
        '  attempt(1);',
        '}',
      ),
    },
    {
      name: 'a same-file retry loop in the caller: it calls what it is given again on a reset',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "const TRANSIENT = ['ECONNRESET', 'EPIPE'];",
        'async function withRetry<T>(fn: () => Promise<T>, tries: number): Promise<T> {',
        '  for (let i = 1; ; i += 1) {',
        '    try {',
        '      return await fn();',
        '    } catch (error) {',
        '      if (i >= tries || !TRANSIENT.includes((error as NodeJS.ErrnoException).code ?? "")) throw error;',
        '    }',
        '  }',
        '}',
        'function getJson(url: string): Promise<number | undefined> {',
        '  return new Promise((resolve, reject) => {',
        '    http.get(url, { agent }, (res) => resolve(res.statusCode)).on("error", reject);',
        '  });',
        '}',
        "export const load = () => withRetry(() => getJson('http://a.test/x'), 3);",
      ),
    },
    {
      name: 'a configured dotted retry wrapper',
      code: lines(
        "import http from 'node:http';",
        'declare const resilience: { attempt(fn: () => unknown): void };',
        'const agent = new http.Agent({ keepAlive: true });',
        "resilience.attempt(() => http.get('http://a.test', { agent }));",
      ),
      options: [{ retryWrappers: ['resilience.attempt'] }],
    },
  ],
  invalid: [
    {
      name: 'an error listener that only rejects',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'export const get = () => new Promise((resolve, reject) => {',
        "  const req = http.get('http://a.test', { agent }, resolve);",
        "  req.on('error', reject);",
        '});',
      ),
      errors: [keepAlive(4, 15)],
    },
    {
      name: 'reusedSocket read outside the error listener',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "const req = http.get('http://a.test', { agent }, (res) => res.pipe(process.stdout).on('finish', () => console.log(req.reusedSocket)));",
        "req.on('error', (err) => console.error(err));",
      ),
      errors: [keepAlive(3, 13)],
    },
    {
      name: 'a listener that resends on every error names no reset code: not a guard for the race',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'function poll(): void {',
        "  const req = http.get('http://a.test', { agent });",
        "  req.on('error', () => setTimeout(poll, 1000));",
        '}',
      ),
      errors: [keepAlive(4, 15)],
    },
    {
      name: 'a listener that names the reset codes but never resends',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        "const NETWORK = new Set(['ECONNRESET', 'EPIPE']);",
        "const req = http.get('http://a.test', { agent });",
        "req.on('error', (err: NodeJS.ErrnoException) => console.error(NETWORK.has(err.code ?? '') ? 'network' : 'other'));",
      ),
      errors: [keepAlive(4, 13)],
    },
    {
      name: 'a same-file wrapper that calls what it is given but never names a reset code is not a retry',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'function timed<T>(fn: () => T): T { const start = Date.now(); try { return fn(); } finally { console.log(Date.now() - start); } }',
        "timed(() => http.get('http://a.test', { agent }));",
      ),
      errors: [keepAlive(4, 13, 0)],
    },
    {
      name: 'a same-file wrapper that names ECONNRESET but only counts it, never calling again, is not a retry',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'const resets = { count: 0 };',
        'async function counted<T>(task: () => Promise<T>): Promise<T> {',
        '  try {',
        '    return await task();',
        '  } catch (err) {',
        "    if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') resets.count += 1;",
        '    throw err;',
        '  }',
        '}',
        'const getStatus = () => new Promise((resolve, reject) => {',
        "  http.get('http://a.test', { agent }, resolve).on('error', reject);",
        '});',
        'export const load = () => counted(getStatus);',
      ),
      errors: [keepAlive(13, 3)],
    },
    {
      name: 'a listener that names EPIPE and calls a helper that sends another request (telemetry) does not resend',
      code: lines(
        "import http from 'node:http';",
        "import https from 'node:https';",
        'const agent = new http.Agent({ keepAlive: true });',
        "function report(err: Error): void { https.request('https://telemetry.test', { method: 'POST', agent: false }).end(err.message); }",
        'export function ping(done: (err: Error | null) => void): void {',
        "  const req = http.get('http://a.test', { agent }, (res) => res.on('end', () => done(null)).resume());",
        "  req.on('error', (err: NodeJS.ErrnoException) => {",
        "    if (err.code === 'EPIPE') return done(null);",
        '    report(err);',
        '    done(err);',
        '  });',
        '}',
      ),
      errors: [keepAlive(6, 15)],
    },
    {
      name: 'a wrapper that is not configured',
      code: lines(
        "import http from 'node:http';",
        'declare const resilience: { attempt(fn: () => unknown): void };',
        'const agent = new http.Agent({ keepAlive: true });',
        "resilience.attempt(() => http.get('http://a.test', { agent }));",
      ),
      errors: [keepAlive(4, 26, 0)],
    },
    {
      name: 'a dotted wrapper matches only its own path',
      code: lines(
        "import http from 'node:http';",
        'declare const other: { attempt(fn: () => unknown): void };',
        'const agent = new http.Agent({ keepAlive: true });',
        "other.attempt(() => http.get('http://a.test', { agent }));",
      ),
      options: [{ retryWrappers: ['resilience.attempt'] }],
      errors: [keepAlive(4, 21, 0)],
    },
    {
      name: 'retryWrappers replaces the defaults',
      code: lines(
        "import http from 'node:http';",
        "import pRetry from 'p-retry';",
        'const agent = new http.Agent({ keepAlive: true });',
        "pRetry(() => http.get('http://a.test', { agent }));",
      ),
      options: [{ retryWrappers: ['backoff.retry'] }],
      errors: [keepAlive(4, 14, 0)],
    },
  ],
});

// Code that merely looks similar.
const lookalikes = [
  {
    name: 'router.get, map.get',
    code: lines(
      "import express from 'express';",
      'const router = express.Router();',
      "router.get('/status', (req, res) => res.send('ok'));",
      'const cache = new Map();',
      "cache.get('http://a.test');",
    ),
  },
  {
    name: 'a local variable named http that is not the module',
    code: lines(
      "import { createClient } from './client.js';",
      'const http = createClient();',
      "http.get('http://a.test', { agent: http.agent });",
      'export function send(http) {',
      "  return http.request('http://a.test');",
      '}',
    ),
  },
  {
    name: 'a server',
    code: lines(
      "import http from 'node:http';",
      "const server = http.createServer((req, res) => res.end('hello'));",
      'server.listen(3000);',
      "server.on('request', (req) => req.on('error', () => {}));",
    ),
  },
  {
    name: 'other HTTP modules',
    code: lines(
      "import http2 from 'node:http2';",
      "import { request } from 'undici';",
      "http2.connect('https://a.test').request({ ':path': '/' });",
      "request('http://a.test');",
    ),
  },
  {
    name: 'a file that never mentions the module',
    code: 'const get = (map, key) => map.get(key);',
  },
];

javascriptTester.run('no-unguarded-request: lookalikes (JavaScript)', noUnguardedRequest, { valid: lookalikes, invalid: [] });
typescriptTester.run('no-unguarded-request: lookalikes (TypeScript)', noUnguardedRequest, { valid: lookalikes, invalid: [] });

// ES modules through ESLint's own parser.
javascriptTester.run('no-unguarded-request: ES modules (JavaScript)', noUnguardedRequest, {
  valid: [
    {
      name: 'the documented retry, in plain JavaScript',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'function retriableRequest() {',
        "  const req = http.get('http://a.test', { agent }, () => {}).on('error', (err) => {",
        "    if (req.reusedSocket && err.code === 'ECONNRESET') retriableRequest();",
        '  });',
        '}',
      ),
    },
  ],
  invalid: [
    {
      name: "the seed from Node's docs",
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: true });',
        'setInterval(() => {',
        "  http.get('http://localhost:3000', { agent }, (res) => {",
        "    res.on('data', (data) => {});",
        '  });',
        '}, 5000);',
      ),
      errors: [{ ...keepAlive(4, 3), data: { callee: 'http.get', agent: 'the keep-alive agent `agent`', where: 'on line 2' } }],
    },
    {
      name: 'named imports, a class field, optional chaining',
      code: lines(
        "import { get, Agent } from 'node:https';",
        'export class Client {',
        '  agent = new Agent({ keepAlive: !0 });',
        '  fetch(url) {',
        "    return get?.(url, { agent: this.agent }).on('error', (err) => console.error(err));",
        '  }',
        '}',
      ),
      errors: [keepAlive(5, 12, 0)],
    },
  ],
});
