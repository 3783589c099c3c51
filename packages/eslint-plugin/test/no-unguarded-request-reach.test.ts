import { CLIENT_ADVICE } from '@keepalive-guard/analysis';
import { noUnguardedRequest } from '../src/rules/no-unguarded-request.js';
import { typescriptTester } from './rule-tester.js';

// Forms of real code the rule follows: modules and request functions chosen at run time, compiled CommonJS, agents made elsewhere in the file.
typescriptTester.run('no-unguarded-request: more reach', noUnguardedRequest, {
  valid: [
    {
      name: 'a lookup table that may hold something else is not followed',
      code: "import http from 'node:http';\nconst transports: Record<string, { get(url: URL): unknown }> = { 'http:': http, 'x:': { get: (url: URL) => url } };\nexport const get = (url: URL) => transports[url.protocol].get(url);\n",
    },
    {
      name: 'a subclass of http.Agent without keepAlive',
      code: "import http from 'node:http';\nclass Plain extends http.Agent {}\nhttp.get('http://a.test', { agent: new Plain() });\n",
      options: [{ globalAgent: 'off' }],
    },
  ],
  invalid: [
    {
      name: 'a module looked up in an object whose values are all http/https: transports[url.protocol].get(...)',
      code: "import http from 'node:http';\nimport https from 'node:https';\nconst transports = { 'http:': http, 'https:': https };\nexport function get(url: URL) {\n  transports[url.protocol].get(url);\n}\n",
      errors: [{ messageId: 'unguardedGlobalAgent', line: 5, column: 3, suggestions: 0 }],
    },
    {
      name: 'a request function chosen at run time: (secure ? https.request : http.request)(...), and through a const',
      code: "import http from 'node:http';\nimport https from 'node:https';\nexport function get(secure: boolean, cb: () => void) {\n  (secure ? https.request : http.request)('http://a.test', cb).end();\n  const send = secure ? https.get : http.get;\n  send('http://a.test');\n}\n",
      errors: [{ messageId: 'unguardedGlobalAgent', line: 4, column: 4, suggestions: 1 }, { messageId: 'unguardedGlobalAgent', line: 6, column: 3, suggestions: 1 }],
    },
    {
      name: "compiled CommonJS: TypeScript's __importDefault(require('http')) and http_1.default",
      code: "\"use strict\";\nvar __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { \"default\": mod }; };\nconst http_1 = __importDefault(require(\"http\"));\nconst agent = new http_1.default.Agent({ keepAlive: true, timeout: 4000 });\nhttp_1.default.get('http://a.test', { agent });\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 5, column: 1, suggestions: 1 }],
    },
    {
      name: "compiled CommonJS: TypeScript's (0, http_1.get)(...) for a named import",
      code: "const http_1 = require(\"http\");\n(0, http_1.get)('http://a.test');\n",
      errors: [{ messageId: 'unguardedGlobalAgent', line: 2, column: 2, suggestions: 1 }],
    },
    {
      name: "compiled CommonJS: Babel's _interopRequireDefault(require('http')).default",
      code: "var _http = _interopRequireDefault(require(\"http\"));\nfunction _interopRequireDefault(e) { return e && e.__esModule ? e : { default: e }; }\n_http.default.get('http://a.test');\n",
      errors: [{ messageId: 'unguardedGlobalAgent', line: 3, column: 1, suggestions: 1 }],
    },
    {
      name: "compiled CommonJS: tslib's __importStar and (0, tslib_1.__importDefault)(...)",
      code: "const tslib_1 = require('tslib');\nconst https = tslib_1.__importStar(require('https'));\nconst h2 = (0, tslib_1.__importDefault)(require('https'));\nhttps.get('https://a.test');\nh2.default.get('https://a.test');\n",
      errors: [{ messageId: 'unguardedGlobalAgent', line: 4, column: 1, suggestions: 1 }, { messageId: 'unguardedGlobalAgent', line: 5, column: 1, suggestions: 1 }],
    },
    {
      name: 'an agent returned by a factory function of the file',
      code: "import http from 'node:http';\nfunction makeAgent() { return new http.Agent({ keepAlive: true, timeout: 4000 }); }\nconst agent = makeAgent();\nhttp.get('http://a.test', { agent });\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 4, column: 1, suggestions: 1 }],
    },
    {
      name: 'agent options in Object.freeze(...)',
      code: "import http from 'node:http';\nconst agent = new http.Agent(Object.freeze({ keepAlive: true, timeout: 4000 }));\nhttp.get('http://a.test', { agent });\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 3, column: 1, suggestions: 1 }],
    },
    {
      name: 'an agent in a static class field',
      code: "import http from 'node:http';\nclass Pool { static agent = new http.Agent({ keepAlive: true, timeout: 4000 }); }\nhttp.get('http://a.test', { agent: Pool.agent });\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 3, column: 1, suggestions: 1 }],
    },
    {
      name: 'a subclass of http.Agent that passes keepAlive: true to super(...)',
      code: "import http from 'node:http';\nclass KeepAliveAgent extends http.Agent {\n  constructor(options: http.AgentOptions = {}) { super({ ...options, keepAlive: true }); }\n}\nconst agent = new KeepAliveAgent();\nhttp.get('http://a.test', { agent });\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 6, column: 1, suggestions: 1 }],
    },
    {
      name: 'a subclass of http.Agent without a constructor: its own options decide',
      code: "import http from 'node:http';\nclass Plain extends http.Agent {}\nconst on = new Plain({ keepAlive: true });\nconst off = new Plain();\nhttp.get('http://a.test', { agent: on });\nhttp.get('http://a.test', { agent: off });\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 5, column: 1, suggestions: 1 }],
    },
    {
      name: 'a let assigned a keep-alive agent in another function',
      code: "import http from 'node:http';\nlet agent: http.Agent | undefined;\nexport function init() { agent = new http.Agent({ keepAlive: true, timeout: 4000 }); }\nexport function ping() { http.get('http://a.test', { agent }); }\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 4, column: 26, suggestions: 0 }],
    },
    {
      name: 'a let assigned agent || new Agent(...)',
      code: "import http from 'node:http';\nlet agent: http.Agent | null = null;\nexport function ping() { agent = agent || new http.Agent({ keepAlive: true, timeout: 4000 }); http.get('http://a.test', { agent }); }\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 3, column: 95, suggestions: 0 }],
    },
  ],
});

// How the messages name what they report.
typescriptTester.run('no-unguarded-request: names in messages', noUnguardedRequest, {
  valid: [
    {
      name: 'a keep-alive agent made for one request has no idle socket to lend it',
      code: "import http from 'node:http';\nhttp.get('http://a.test', { agent: new http.Agent({ keepAlive: true, timeout: 4000 }) });\n",
    },
  ],
  invalid: [
    {
      name: 'an inline agent is an inline keep-alive agent',
      code: "import http from 'node:http';\nimport axios from 'axios';\nexport const api = axios.create({ httpAgent: new http.Agent({ keepAlive: true, timeout: 4000 }) });\n",
      errors: [
        {
          messageId: 'unguardedClient',
          data: { callee: 'axios.create', client: 'axios', agent: 'an inline keep-alive agent', where: 'on line 3', error: "ECONNRESET ('socket hang up')", guard: CLIENT_ADVICE.axios.guard },
        },
      ],
    },
    {
      name: 'a callee written over lines reads as one name',
      code: "import https from 'node:https';\nhttps\n  .get('https://a.test');\n",
      errors: [{ messageId: 'unguardedGlobalAgent', data: { callee: 'https.get', reason: "the configured Node version '>=20' includes Node 19 or later" }, suggestions: 1 }],
    },
    {
      name: 'a long callee on a module chosen at run time reads as what it calls',
      code: "import http from 'node:http';\nimport https from 'node:https';\nexport function get(opts: any) { (opts.protocol === 'https:' ? https : http).request(opts).end(); }\n",
      errors: [{ messageId: 'unguardedUnknownAgent', data: { callee: 'request` on `https` or `http', reason: "the configured Node version '>=20' includes Node 19 or later" }, suggestions: 0 }],
    },
  ],
});

// Naming ECONNRESET is not a guard: the handler must send again.
typescriptTester.run('no-unguarded-request: a guard resends', noUnguardedRequest, {
  valid: [
    {
      name: 'a listener that checks the reset and sends again',
      code: "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true, timeout: 4000 });\nexport function poll(): void {\n  const req = http.get('http://a.test', { agent });\n  req.on('error', (err: NodeJS.ErrnoException) => { if (req.reusedSocket && err.code === 'ECONNRESET') poll(); });\n}\n",
    },
  ],
  invalid: [
    {
      name: 'a listener that names ECONNRESET only to log it',
      code: "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true, timeout: 4000 });\nhttp.get('http://a.test', { agent }).on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'ECONNRESET') console.warn('reset'); });\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 3, column: 1, suggestions: 1 }],
    },
    {
      name: 'a catch that maps ECONNRESET to a 504',
      code: "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true, timeout: 4000 });\nexport function forward(res: http.ServerResponse): void {\n  http.get('http://a.test', { agent }).on('error', (err: NodeJS.ErrnoException) => {\n    if (err.code === 'ECONNRESET') { res.writeHead(504); res.end(); }\n  });\n}\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 4, column: 3, suggestions: 1 }],
    },
  ],
});

// Clients on Node's global agent: axios instances where they are made, the default axios once per file.
const defaultAgent = (line: number, column: number) => ({ messageId: 'unguardedClientDefaultAgent' as const, line, column });
typescriptTester.run('no-unguarded-request: clients on their default agent', noUnguardedRequest, {
  valid: [
    {
      name: 'guarded by axios-retry, or given agents without keepAlive',
      code: "import axios from 'axios';\nimport axiosRetry from 'axios-retry';\nimport http from 'node:http';\nexport const api = axios.create({ baseURL: 'http://a.test' });\naxiosRetry(api, { retries: 2 });\naxiosRetry(axios, { retries: 2 });\nexport const plain = axios.create({ httpAgent: new http.Agent(), httpsAgent: new http.Agent() });\nexport const get = () => axios.get('/x');\n",
    },
    {
      name: 'the file gives the default instance an agent',
      code: "import axios from 'axios';\nimport http from 'node:http';\naxios.defaults.httpAgent = new http.Agent();\nexport const get = () => axios.get('http://a.test/x');\n",
    },
    {
      name: 'reportUnresolvedAgent: false turns it off',
      code: "import axios from 'axios';\nexport const get = () => axios.get('http://a.test/x');\n",
      options: [{ reportUnresolvedAgent: false }],
    },
    {
      name: 'superagent without .agent(): its default is agent: false',
      code: "import request from 'superagent';\nexport const get = () => request.get('http://a.test/x');\n",
    },
    {
      name: 'the global agent is not keep-alive',
      code: "import axios from 'axios';\nexport const get = () => axios.get('http://a.test/x');\n",
      options: [{ globalAgent: 'off' }],
    },
  ],
  invalid: [
    {
      name: 'the default axios, once per file where it is first used',
      code: "import axios from 'axios';\nexport async function a() { return (await axios.get('http://a.test/a')).status; }\nexport async function b() { return (await axios.get('http://a.test/b')).status; }\n",
      errors: [defaultAgent(2, 43)],
    },
    {
      name: 'each axios instance where axios.create() makes it, not each call',
      code: "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'http://a.test' });\nexport const other = axios.create();\nexport const get = () => api.get('/x');\n",
      errors: [defaultAgent(2, 20), defaultAgent(3, 22)],
    },
  ],
});

// Connection: close, Upgrade, CONNECT keep a socket from the pool afterwards; the request itself can still get a pooled one.
typescriptTester.run('no-unguarded-request: requests that close their socket', noUnguardedRequest, {
  valid: [
    { name: 'every request through a file-local agent closes its socket', code: "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true, timeout: 4000 });\nhttp.get('http://a.test/a', { agent, headers: { Connection: 'close' } });\nhttp.get('http://a.test/b', { agent, headers: { connection: 'close' } });\n" },
    { name: 'CONNECT through a file-local agent', code: "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true, timeout: 4000 });\nhttp.request({ host: 'proxy', method: 'CONNECT', path: 'a.test:443', agent }).end();\n" },
  ],
  invalid: [
    {
      name: 'one request through the agent keeps its socket: the closing one can get it',
      code: "import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true, timeout: 4000 });\nhttp.get('http://a.test/a', { agent, headers: { Connection: 'close' } });\nhttp.get('http://a.test/b', { agent });\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 3, column: 1, suggestions: 1 }, { messageId: 'unguardedKeepAliveAgent', line: 4, column: 1, suggestions: 1 }],
    },
    {
      name: 'an exported agent may lend sockets to requests elsewhere',
      code: "import http from 'node:http';\nexport const agent = new http.Agent({ keepAlive: true, timeout: 4000 });\nhttp.get('http://a.test/a', { agent, headers: { Connection: 'close' } });\n",
      errors: [{ messageId: 'unguardedKeepAliveAgent', line: 3, column: 1, suggestions: 1 }],
    },
    {
      name: "never the global agent: other code's requests return sockets to it",
      code: "import http from 'node:http';\nhttp.get('http://a.test/a', { headers: { Connection: 'close' } });\n",
      errors: [{ messageId: 'unguardedGlobalAgent', line: 2, column: 1, suggestions: 1 }],
    },
  ],
});

