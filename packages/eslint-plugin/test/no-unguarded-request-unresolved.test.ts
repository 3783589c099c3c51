import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { noUnguardedRequest } from '../src/rules/no-unguarded-request.js';
import { enginesTester, javascriptTester, lines, typescriptTester } from './rule-tester.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

// Requests whose options or agent come from code the file does not show: exposed when the global agent is keep-alive.
const unknownAgent = (line: number, column: number, suggestions = 0) => ({ messageId: 'unguardedUnknownAgent' as const, line, column, suggestions });

typescriptTester.run('no-unguarded-request: options or agent from outside the file', noUnguardedRequest, {
  valid: [
    {
      name: 'reportUnresolvedAgent: false',
      code: lines("import http from 'node:http';", 'export function send(options: http.RequestOptions) {', '  return http.request(options);', '}'),
      options: [{ reportUnresolvedAgent: false }],
    },
    {
      name: 'the shared setting turns it off, as the option does',
      code: lines("import http from 'node:http';", 'export const send = (target: any) => http.get(target);'),
      settings: { keepaliveGuard: { nodeVersion: '>=20', reportUnresolvedAgent: false } },
    },
    {
      name: 'the global agent is not keep-alive: nothing changes',
      code: lines("import http from 'node:http';", 'export const send = (target: any) => http.get(target);'),
      options: [{ globalAgent: 'off' }],
    },
    {
      name: 'the code shows the socket is not kept: agent: false, an agent without keepAlive, createConnection',
      code: lines(
        "import http from 'node:http';",
        "import net from 'node:net';",
        'export function send(path: string) {',
        "  http.get({ host: 'a.test', path, agent: false });",
        "  http.get({ host: 'a.test', path, agent: new http.Agent() });",
        "  http.get({ host: 'a.test', path, createConnection: () => net.connect(80, 'a.test') });",
        '}',
      ),
    },
    {
      name: 'a guard still counts',
      code: lines(
        "import http from 'node:http';",
        'export function send(options: http.RequestOptions, onError: (err: Error) => void) {',
        '  const req = http.request(options);',
        "  req.on('error', (err: NodeJS.ErrnoException) => { if (req.reusedSocket && err.code === 'ECONNRESET') send(options, onError); else onError(err); });",
        '  req.end();',
        '}',
      ),
    },
  ],
  invalid: [
    {
      name: 'options from a parameter',
      code: lines("import http from 'node:http';", 'export function send(options: http.RequestOptions) {', '  return http.request(options);', '}'),
      errors: [unknownAgent(3, 10)],
    },
    {
      name: 'an argument that may be a URL or options, with nothing to tell which',
      code: lines("import http from 'node:http';", 'export const send = (target: any) => http.get(target);'),
      errors: [unknownAgent(2, 38)],
    },
    {
      name: 'an agent whose keepAlive cannot be known; the rewrite is offered, since it is safe whatever the agent',
      code: lines(
        "import http from 'node:http';",
        'const agent = new http.Agent({ keepAlive: process.env.KEEP_ALIVE === "1" });',
        "http.get('http://a.test', { agent });",
      ),
      errors: [unknownAgent(3, 1, 1)],
    },
    {
      name: 'the agent from this.x set from a parameter, and a spread of options from elsewhere',
      code: lines(
        "import http from 'node:http';",
        'export class Client {',
        '  constructor(private readonly agent: http.Agent, private readonly base: http.RequestOptions) {}',
        "  ping(): void { http.get({ host: 'a.test', agent: this.agent }); }",
        "  get(path: string): void { http.get({ ...this.base, path }); }",
        '}',
      ),
      errors: [unknownAgent(4, 18), unknownAgent(5, 29)],
    },
    {
      name: "options of the file's own handed to another function first may get their agent there",
      code: lines(
        "import http from 'node:http';",
        'declare function applyTls(options: http.RequestOptions): Promise<void>;',
        'export async function send() {',
        "  const options: http.RequestOptions = { host: 'a.test' };",
        '  await applyTls(options);',
        '  http.get(options);',
        '}',
      ),
      errors: [unknownAgent(6, 3, 1)],
    },
    {
      name: 'not idempotent: the message says so',
      code: lines("import http from 'node:http';", "export const post = (agent: http.Agent) => http.request('http://a.test', { method: 'POST', agent });"),
      errors: [{ messageId: 'unguardedNonIdempotent', line: 2, column: 44 }],
    },
  ],
});

javascriptTester.run('no-unguarded-request: the missed shape from real code', noUnguardedRequest, {
  valid: [],
  invalid: [
    {
      name: 'a CommonJS module whose options come from the caller, through a module chosen by protocol',
      code: lines(
        "const http = require('http');",
        "const https = require('https');",
        'module.exports = function get(opts, cb) {',
        "  const req = (opts.protocol === 'https:' ? https : http).request(opts, (res) => cb(null, res));",
        "  req.on('error', cb);",
        '  req.end();',
        '};',
      ),
      errors: [unknownAgent(4, 15)],
    },
  ],
});

enginesTester.run('no-unguarded-request: unresolved agents below Node 19', noUnguardedRequest, {
  valid: [
    {
      name: 'engines.node below 19: not reported',
      code: lines("import http from 'node:http';", 'export const send = (options: http.RequestOptions) => http.request(options);'),
      filename: path.join(fixtures, 'node18-package', 'src', 'client.ts'),
    },
  ],
  invalid: [],
});
