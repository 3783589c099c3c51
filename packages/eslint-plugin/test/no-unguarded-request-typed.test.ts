import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import keepaliveGuard from '../src/index.js';
import { noUnguardedRequest } from '../src/rules/no-unguarded-request.js';
import { NODE_20, lines } from './rule-tester.js';

// A small TypeScript project on disk: the agents live in ./agents.ts, the code under test is linted as ./file.ts.
const project = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'typed');
const typedTester = new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: project } },
  settings: NODE_20,
});
const filename = path.join(project, 'file.ts');
const typed = [{ resolveImportedAgents: true }] as const;
const imported = (line: number, column: number, agent: string, where: string) => ({
  messageId: 'unguardedKeepAliveAgent' as const,
  line,
  column,
  data: { callee: 'http.get', agent: `the keep-alive agent \`${agent}\``, where },
  suggestions: 1,
});

typedTester.run('no-unguarded-request: agents imported from other modules, with type information', noUnguardedRequest, {
  valid: [
    {
      name: 'an imported agent without keep-alive',
      filename,
      options: typed,
      code: lines("import http from 'node:http';", "import { closingAgent } from './agents.js';", "http.get('http://a.test', { agent: closingAgent });"),
    },
    {
      name: 'an imported keep-alive agent, guarded',
      filename,
      options: typed,
      code: lines(
        "import http from 'node:http';",
        "import { keepAliveAgent } from './agents.js';",
        "const req = http.get('http://a.test', { agent: keepAliveAgent });",
        "req.on('error', (err: NodeJS.ErrnoException) => { if (req.reusedSocket && err.code === 'ECONNRESET') return retryLater(); });",
      ),
    },
    {
      name: 'a declaration file has no value to read',
      filename,
      options: typed,
      code: lines("import http from 'node:http';", "import { declaredAgent } from './declared.js';", "http.get('http://a.test', { agent: declaredAgent });"),
    },
    {
      name: 'without the option, a client given an imported agent is not reported',
      filename,
      code: lines("import axios from 'axios';", "import { keepAliveAgent } from './agents.js';", 'export const api = axios.create({ httpAgent: keepAliveAgent });'),
    },
    {
      name: 'without the option, an imported agent is not followed (as without type information)',
      filename,
      code: lines("import http from 'node:http';", "import { keepAliveAgent } from './agents.js';", "http.get('http://a.test', { agent: keepAliveAgent });"),
    },
  ],
  invalid: [
    {
      name: 'a named import',
      filename,
      options: typed,
      code: lines("import http from 'node:http';", "import { keepAliveAgent } from './agents.js';", "http.get('http://a.test', { agent: keepAliveAgent });"),
      errors: [imported(3, 1, 'keepAliveAgent', 'in ./agents.ts on line 5')],
    },
    {
      name: 'a renamed re-export',
      filename,
      options: typed,
      code: lines("import http from 'node:http';", "import { sharedAgent } from './reexport.js';", "http.get('http://a.test', { agent: sharedAgent });"),
      errors: [imported(3, 1, 'keepAliveAgent', 'in ./agents.ts on line 5')],
    },
    {
      name: 'the default export',
      filename,
      options: typed,
      code: lines("import http from 'node:http';", "import agent from './agents.js';", "http.get('http://a.test', { agent });"),
      errors: [imported(3, 1, 'defaultAgent', 'in ./agents.ts on line 9')],
    },
    {
      name: 'a namespace import and a property of an exported object',
      filename,
      options: typed,
      code: lines(
        "import http from 'node:http';",
        "import * as shared from './agents.js';",
        "http.get('http://a.test', { agent: shared.keepAliveAgent });",
        "http.get('http://a.test', { agent: shared.agents.internal });",
      ),
      errors: [imported(3, 1, 'keepAliveAgent', 'in ./agents.ts on line 5'), imported(4, 1, 'agents.internal', 'in ./agents.ts on line 7')],
    },
    {
      name: 'a client given an imported agent: axios',
      filename,
      options: typed,
      code: lines("import axios from 'axios';", "import { keepAliveAgent } from './agents.js';", 'export const api = axios.create({ httpAgent: keepAliveAgent });'),
      errors: [{ messageId: 'unguardedClient', line: 3, column: 20 }],
    },
    {
      name: 'a class field holding an imported agent',
      filename,
      options: typed,
      code: lines(
        "import http from 'node:http';",
        "import { keepAliveAgent } from './agents.js';",
        'export class Client {',
        '  readonly agent = keepAliveAgent;',
        '  ping(): void {',
        "    http.get('http://a.test', { agent: this.agent }, (res) => res.resume());",
        '  }',
        '}',
      ),
      errors: [{ ...imported(6, 5, 'keepAliveAgent', 'in ./agents.ts on line 5') }],
    },
  ],
});

describe('resolveImportedAgents without type information', () => {
  it('fails with typescript-eslint’s explanation instead of guessing', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      keepaliveGuard.configs['recommended-type-checked'] as Linter.Config,
    ];
    expect(() => linter.verify("import http from 'node:http';\nhttp.get('http://a.test');\n", config, { filename: 'file.ts' })).toThrow(
      /parserOptions\.project|projectService|type information/,
    );
  });
});

// Callers in other modules (./typed-callers): request.ts is linted with the test's code; retrying.ts,
// plain.ts and index.ts import what it exports.
const callersProject = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'typed-callers');
const callersTester = new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: callersProject } },
  settings: NODE_20,
});
const requestModule = path.join(callersProject, 'request.ts');
const REQUESTS = lines(
  "import http from 'node:http';",
  'const agent = new http.Agent({ keepAlive: true, timeout: 4000 });',
  'export function getOnce(url: string): Promise<http.IncomingMessage> {',
  '  return new Promise((resolve, reject) => {',
  "    http.get(url, { agent }, resolve).on('error', reject);",
  '  });',
  '}',
  'export function getEither(url: string): Promise<http.IncomingMessage> {',
  '  return new Promise((resolve, reject) => {',
  "    http.get(url, { agent }, resolve).on('error', reject);",
  '  });',
  '}',
  'export function getShared(url: string): Promise<http.IncomingMessage> {',
  '  return new Promise((resolve, reject) => {',
  "    http.get(url, { agent }, resolve).on('error', reject);",
  '  });',
  '}',
);

callersTester.run('no-unguarded-request: callers in other modules, with type information', noUnguardedRequest, {
  valid: [],
  invalid: [
    {
      name: 'getOnce: every caller in the program (named and namespace imports) retries; getEither: one caller does not; getShared: re-exported to users the program does not show',
      filename: requestModule,
      options: typed,
      code: REQUESTS,
      errors: [
        { messageId: 'unguardedKeepAliveAgent', line: 10, column: 5, suggestions: 1 },
        { messageId: 'unguardedKeepAliveAgent', line: 15, column: 5, suggestions: 1 },
      ],
    },
    {
      name: 'without type information the callers in other modules are not seen: all three are reported',
      filename: requestModule,
      code: REQUESTS,
      errors: [
        { messageId: 'unguardedKeepAliveAgent', line: 5, column: 5, suggestions: 1 },
        { messageId: 'unguardedKeepAliveAgent', line: 10, column: 5, suggestions: 1 },
        { messageId: 'unguardedKeepAliveAgent', line: 15, column: 5, suggestions: 1 },
      ],
    },
  ],
});
