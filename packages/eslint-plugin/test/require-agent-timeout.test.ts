import { requireAgentTimeout } from '../src/rules/require-agent-timeout.js';
import { javascriptTester, lines, typescriptTester } from './rule-tester.js';

const suggestion = (output: string, timeout = 4000, option = 'timeout') => ({ messageId: 'setTimeout' as const, data: { option, timeout }, output });

typescriptTester.run('require-agent-timeout', requireAgentTimeout, {
  valid: [
    { name: 'a positive timeout', code: "import http from 'node:http';\nnew http.Agent({ keepAlive: true, timeout: 4000 });" },
    { name: 'no keep-alive', code: "import http from 'node:http';\nnew http.Agent();\nnew http.Agent({ keepAlive: false });" },
    { name: 'a timeout that cannot be seen counts as set', code: "import http from 'node:http';\ndeclare const ms: number;\nnew http.Agent({ keepAlive: true, timeout: ms });" },
    { name: 'options that cannot be seen', code: "import http from 'node:http';\nexport const make = (options: http.AgentOptions) => new http.Agent(options);" },
    { name: 'agentkeepalive closes idle sockets after 4 s by default', code: "import Agent from 'agentkeepalive';\nnew Agent();\nnew Agent({ freeSocketTimeout: 30_000 });" },
    { name: 'not an agent of node:http', code: "import { Agent } from 'undici';\nnew Agent({ keepAlive: true });\nclass Other { Agent = class {} }" },
  ],
  invalid: [
    {
      name: 'a subclass of http.Agent, configured by the options it passes to super(...)',
      code: lines(
        "import http from 'node:http';",
        'class Pooled extends http.Agent {',
        '  constructor() { super({ keepAlive: true }); }',
        '}',
        'class Plain extends http.Agent {}',
        'export const pooled = new Pooled();',
        'export const plain = new Plain({ keepAlive: true });',
      ),
      errors: [
        {
          messageId: 'missingTimeout',
          line: 6,
          suggestions: [
            suggestion(
              lines(
                "import http from 'node:http';",
                'class Pooled extends http.Agent {',
                '  constructor() { super({ keepAlive: true, timeout: 4000 }); }',
                '}',
                'class Plain extends http.Agent {}',
                'export const pooled = new Pooled();',
                'export const plain = new Plain({ keepAlive: true });',
              ),
            ),
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 7,
          suggestions: [
            suggestion(
              lines(
                "import http from 'node:http';",
                'class Pooled extends http.Agent {',
                '  constructor() { super({ keepAlive: true }); }',
                '}',
                'class Plain extends http.Agent {}',
                'export const pooled = new Pooled();',
                'export const plain = new Plain({ keepAlive: true, timeout: 4000 });',
              ),
            ),
          ],
        },
      ],
    },
    {
      name: 'a core agent with keepAlive and no timeout, on one line',
      code: "import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true });",
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          column: 22,
          data: { agent: 'agent' },
          suggestions: [suggestion("import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true, timeout: 4000 });")],
        },
      ],
    },
    {
      name: 'over several lines, with and without a trailing comma, and a configured timeout',
      code: lines(
        "import https, { Agent } from 'node:https';",
        'const a = new https.Agent({',
        '  keepAlive: true,',
        '  maxSockets: 8,',
        '});',
        'const b = Agent({',
        '  keepAlive: !0',
        '});',
      ),
      options: [{ timeout: 2500 }],
      errors: [
        {
          messageId: 'missingTimeout',
          line: 2,
          suggestions: [
            suggestion(
              lines("import https, { Agent } from 'node:https';", 'const a = new https.Agent({', '  keepAlive: true,', '  maxSockets: 8,', '  timeout: 2500,', '});', 'const b = Agent({', '  keepAlive: !0', '});'),
              2500,
            ),
          ],
        },
        {
          messageId: 'missingTimeout',
          line: 6,
          suggestions: [
            suggestion(
              lines("import https, { Agent } from 'node:https';", 'const a = new https.Agent({', '  keepAlive: true,', '  maxSockets: 8,', '});', 'const b = Agent({', '  keepAlive: !0,', '  timeout: 2500', '});'),
              2500,
            ),
          ],
        },
      ],
    },
    {
      name: 'timeout: 0 is no timeout; the suggestion replaces it',
      code: "import http from 'node:http';\nnew http.Agent({ keepAlive: true, timeout: 0 });",
      errors: [{ messageId: 'missingTimeout', suggestions: [suggestion("import http from 'node:http';\nnew http.Agent({ keepAlive: true, timeout: 4000 });")] }],
    },
    {
      name: 'options in a variable: reported, no suggestion (other code may share them)',
      code: "import http from 'node:http';\nconst options = { keepAlive: true };\nexport const agent = new http.Agent(options);",
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 0 }],
    },
    {
      name: "agentkeepalive's freeSocketTimeout: 0",
      code: "import { HttpsAgent } from 'agentkeepalive';\nexport const agent = new HttpsAgent({ freeSocketTimeout: 0 });",
      errors: [
        {
          messageId: 'freeSocketTimeoutOff',
          suggestions: [suggestion("import { HttpsAgent } from 'agentkeepalive';\nexport const agent = new HttpsAgent({ freeSocketTimeout: 4000 });", 4000, 'freeSocketTimeout')],
        },
      ],
    },
  ],
});

javascriptTester.run('require-agent-timeout (CommonJS)', requireAgentTimeout, {
  valid: [],
  invalid: [
    {
      name: 'require, a class field',
      code: "const { Agent } = require('http');\nclass Client {\n  agent = new Agent({ keepAlive: true });\n}\nmodule.exports = Client;",
      languageOptions: { sourceType: 'commonjs' },
      errors: [
        {
          messageId: 'missingTimeout',
          line: 3,
          column: 11,
          data: { agent: 'this.agent' },
          suggestions: [suggestion("const { Agent } = require('http');\nclass Client {\n  agent = new Agent({ keepAlive: true, timeout: 4000 });\n}\nmodule.exports = Client;")],
        },
      ],
    },
  ],
});
