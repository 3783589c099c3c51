import { CLIENT_ADVICE, type ClientName } from '@keepalive-guard/analysis';
import { noUnguardedRequest } from '../src/rules/no-unguarded-request.js';
import { javascriptTester, lines, typescriptTester } from './rule-tester.js';

// Clients are reported only with an explicit keep-alive agent (or undici dispatcher), and never get a suggestion:
// the codemod does not rewrite them, the message says how to guard them.
const client = (line: number, column: number) => ({ messageId: 'unguardedClient' as const, line, column });
/** The whole message: who sends, through which agent, and how to guard it. */
const message = (name: ClientName, callee: string, agent: string, where: string) => ({
  data: { client: name, callee, agent: `the keep-alive ${name === 'undici' ? 'dispatcher' : 'agent'} \`${agent}\``, where, ...CLIENT_ADVICE[name] },
});
const httpAgent = [
  "import http from 'node:http';",
  'const agent = new http.Agent({ keepAlive: true, timeout: 4000 });',
];

javascriptTester.run('no-unguarded-request: axios', noUnguardedRequest, {
  valid: [
    {
      name: 'an instance on the default agent, with reportUnresolvedAgent: false (reported otherwise: see the reach tests)',
      code: lines("import axios from 'axios';", "export const api = axios.create({ baseURL: 'http://a.test' });", "api.get('/x');"),
      options: [{ reportUnresolvedAgent: false }],
    },
    {
      name: 'an agent without keep-alive',
      code: lines("import http from 'node:http';", "import axios from 'axios';", 'export const api = axios.create({ httpAgent: new http.Agent() });'),
    },
    {
      name: 'axios-retry with its default condition (network errors, ECONNRESET among them, on idempotent requests)',
      code: lines(...httpAgent, "import axios from 'axios';", "import axiosRetry from 'axios-retry';", 'export const api = axios.create({ httpAgent: agent });', 'axiosRetry(api, { retries: 3 });'),
    },
    {
      name: 'axios-retry on the default instance covers its defaults and its per-request agents',
      code: lines(
        ...httpAgent,
        "const axios = require('axios');",
        "const axiosRetry = require('axios-retry').default;",
        'axiosRetry(axios);',
        'axios.defaults.httpAgent = agent;',
        "axios.get('http://a.test/x', { httpAgent: agent });",
      ),
    },
    {
      name: "a retry condition built on one of axios-retry's",
      code: lines(
        ...httpAgent,
        "import axios from 'axios';",
        "import axiosRetry, { isNetworkError } from 'axios-retry';",
        'const api = axios.create({ httpAgent: agent });',
        'axiosRetry(api, { retryCondition: (error) => isNetworkError(error) || error.response?.status === 429 });',
        'axiosRetry(axios, { retryCondition: axiosRetry.isNetworkOrIdempotentRequestError });',
        "axios.get('http://a.test/x', { httpAgent: agent });",
      ),
    },
    {
      name: 'a response interceptor that retries on ECONNRESET',
      code: lines(
        ...httpAgent,
        "import axios from 'axios';",
        'const api = axios.create({ httpAgent: agent });',
        'api.interceptors.response.use((response) => response, (error) => {',
        "  if (error.code === 'ECONNRESET' && !error.config.retried) return api.request({ ...error.config, retried: true });",
        '  throw error;',
        '});',
      ),
    },
    { name: 'a local object named axios', code: lines(...httpAgent, 'const axios = { get() {} };', "axios.get('http://a.test', { httpAgent: agent });") },
  ],
  invalid: [
    {
      name: 'axios.create with a keep-alive agent',
      code: lines(...httpAgent, "import axios from 'axios';", 'export const api = axios.create({ httpAgent: agent, httpsAgent: agent });'),
      errors: [{ ...client(4, 20), ...message('axios', 'axios.create', 'agent', 'on line 2') }],
    },
    {
      name: 'axios.defaults.httpsAgent',
      code: lines("import https from 'node:https';", "import axios from 'axios';", 'axios.defaults.httpsAgent = new https.Agent({ keepAlive: true });'),
      errors: [client(3, 1)],
    },
    {
      name: 'per request: axios(config), axios.get(url, config), api.post(url, data, config)',
      code: lines(
        ...httpAgent,
        "import axios from 'axios';",
        "axios({ url: 'http://a.test', httpAgent: agent });",
        "axios.get('http://a.test', { httpAgent: agent });",
        'const api = axios.create();',
        "api.post('/orders', { id: 1 }, { httpAgent: agent });",
      ),
      // The instance itself is on the default agent: reported where it is made.
      errors: [client(4, 1), client(5, 1), { messageId: 'unguardedClientDefaultAgent' as const, line: 6, column: 13 }, client(7, 1)],
    },
    {
      name: 'axios-retry on another instance: a created instance does not share its interceptors',
      code: lines(...httpAgent, "import axios from 'axios';", "import axiosRetry from 'axios-retry';", 'axiosRetry(axios);', 'const api = axios.create({ httpAgent: agent });'),
      errors: [client(6, 13)],
    },
    {
      name: 'axios-retry with retries: 0, or a condition that ignores network errors',
      code: lines(
        ...httpAgent,
        "import axios from 'axios';",
        "import axiosRetry from 'axios-retry';",
        'const first = axios.create({ httpAgent: agent });',
        'axiosRetry(first, { retries: 0 });',
        'const second = axios.create({ httpAgent: agent });',
        'axiosRetry(second, { retryCondition: (error) => error.response?.status === 503 });',
      ),
      errors: [client(5, 15), client(7, 16)],
    },
    {
      name: "an interceptor whose error handler does not look at the error's code",
      code: lines(
        ...httpAgent,
        "const axios = require('axios');",
        'const api = axios.create({ httpAgent: agent });',
        'api.interceptors.response.use(undefined, (error) => Promise.reject(error));',
      ),
      errors: [client(4, 13)],
    },
  ],
});

javascriptTester.run('no-unguarded-request: node-fetch', noUnguardedRequest, {
  valid: [
    { name: 'no agent', code: lines("import fetch from 'node-fetch';", "await fetch('http://a.test');") },
    { name: 'agent: false', code: lines("import fetch from 'node-fetch';", "await fetch('http://a.test', { agent: false });") },
    {
      name: 'a catch that retries on ECONNRESET',
      code: lines(
        ...httpAgent,
        "import fetch from 'node-fetch';",
        'export const load = (attempt = 0) =>',
        "  fetch('http://a.test', { agent }).catch((error) => {",
        "    if (error.code === 'ECONNRESET' && attempt < 2) return load(attempt + 1);",
        '    throw error;',
        '  });',
      ),
    },
    {
      name: 'await in a try whose catch checks for ECONNRESET',
      code: lines(
        ...httpAgent,
        "import fetch from 'node-fetch';",
        'export async function load(attempt = 0) {',
        "  try { return await fetch('http://a.test', { agent }); }",
        "  catch (error) { if (error.code === 'ECONNRESET' && attempt < 2) return load(attempt + 1); throw error; }",
        '}',
      ),
    },
    {
      name: 'inside a retry wrapper',
      code: lines(...httpAgent, "import fetch from 'node-fetch';", "import pRetry from 'p-retry';", "await pRetry(() => fetch('http://a.test', { agent }));"),
    },
    { name: 'the global fetch ignores `agent`', code: lines(...httpAgent, "await fetch('http://a.test', { agent });") },
  ],
  invalid: [
    {
      name: 'an agent',
      code: lines(...httpAgent, "import fetch from 'node-fetch';", "await fetch('http://a.test', { agent });"),
      errors: [{ ...client(4, 7), ...message('node-fetch', 'fetch', 'agent', 'on line 2') }],
    },
    {
      name: 'an agent function, CommonJS',
      code: lines(
        "const http = require('http');",
        "const https = require('https');",
        "const fetch = require('node-fetch');",
        'const httpAgent = new http.Agent({ keepAlive: true });',
        'const httpsAgent = new https.Agent({ keepAlive: true });',
        "fetch('https://a.test', { agent: (url) => (url.protocol === 'http:' ? httpAgent : httpsAgent) }).then((res) => res.text());",
      ),
      languageOptions: { sourceType: 'commonjs' },
      errors: [client(6, 1)],
    },
  ],
});

typescriptTester.run('no-unguarded-request: got', noUnguardedRequest, {
  valid: [
    { name: "got's own retry covers ECONNRESET for GET by default", code: lines(...httpAgent, "import got from 'got';", "await got('http://a.test', { agent: { http: agent } });") },
    { name: '… and for PUT', code: lines(...httpAgent, "import got from 'got';", "await got.put('http://a.test', { agent: { http: agent }, json: {} });") },
    { name: 'no retry, but no agent', code: lines("import got from 'got';", "await got('http://a.test', { retry: { limit: 0 } });") },
    {
      name: 'POST added to the retried methods',
      code: lines(...httpAgent, "import got from 'got';", "await got.post('http://a.test', { agent: { http: agent }, retry: { limit: 2, methods: ['POST'] }, headers: { 'idempotency-key': 'k' } });"),
    },
    {
      name: 'retry.methods that cannot be read: not ours to doubt',
      code: lines(...httpAgent, "import got from 'got';", 'export const post = (methods: string[]) => got.post(\'http://a.test\', { agent: { http: agent }, retry: { methods } });'),
    },
    {
      name: 'POST, with reportNonIdempotent off',
      options: [{ reportNonIdempotent: false }],
      code: lines(...httpAgent, "import got from 'got';", "await got.post('http://a.test', { agent: { http: agent }, json: {} });"),
    },
  ],
  invalid: [
    {
      name: 'retry: { limit: 0 }',
      code: lines(...httpAgent, "import got from 'got';", "await got('http://a.test', { agent: { http: agent }, retry: { limit: 0 } });"),
      errors: [client(4, 7)],
    },
    {
      name: 'POST, which got does not retry',
      code: lines(...httpAgent, "import got from 'got';", "await got.post('http://a.test', { agent: { http: agent }, json: {} });"),
      errors: [client(4, 7)],
    },
    {
      name: 'the method left out of retry.methods; ECONNRESET left out of retry.errorCodes',
      code: lines(
        ...httpAgent,
        "import got from 'got';",
        "await got.put('http://a.test', { agent: { http: agent }, retry: { methods: ['GET'] } });",
        "await got('http://a.test', { agent: { http: agent }, retry: { errorCodes: ['ETIMEDOUT'] } });",
      ),
      errors: [client(4, 7), client(5, 7)],
    },
    {
      name: 'through an instance made by got.extend',
      code: lines(...httpAgent, "import got from 'got';", 'const client = got.extend({ agent: { http: agent }, retry: { limit: 0 } });', "await client.get('http://a.test');"),
      errors: [client(5, 7)],
    },
  ],
});

javascriptTester.run('no-unguarded-request: superagent', noUnguardedRequest, {
  valid: [
    { name: '.retry() after .agent()', code: lines(...httpAgent, "import request from 'superagent';", "await request.get('http://a.test').agent(agent).retry(2);") },
    { name: '.retry() before .agent()', code: lines(...httpAgent, "import request from 'superagent';", "await request.get('http://a.test').retry().agent(agent);") },
    {
      name: '.retry() on the variable that holds the request',
      code: lines(...httpAgent, "import request from 'superagent';", "const req = request.get('http://a.test');", 'req.agent(agent);', 'req.retry(3);'),
    },
    { name: 'a superagent session (agent() without an argument)', code: lines("import superagent from 'superagent';", 'const session = superagent.agent();', "session.get('http://a.test');") },
    { name: 'an agent without keep-alive', code: lines("import http from 'node:http';", "import request from 'superagent';", "request.get('http://a.test').agent(new http.Agent());") },
  ],
  invalid: [
    {
      name: '.agent(keepAliveAgent) with no retry',
      code: lines(...httpAgent, "import request from 'superagent';", "await request.get('http://a.test').agent(agent);"),
      errors: [{ ...client(4, 36), ...message('superagent', 'agent(agent)', 'agent', 'on line 2') }],
    },
    {
      name: '.retry(0), CommonJS',
      code: lines("const http = require('http');", "const superagent = require('superagent');", "superagent.post('http://a.test').send({}).agent(new http.Agent({ keepAlive: true })).retry(0).end(() => {});"),
      languageOptions: { sourceType: 'commonjs' },
      errors: [client(3, 43)],
    },
  ],
});

javascriptTester.run('no-unguarded-request: undici and fetch', noUnguardedRequest, {
  valid: [
    { name: 'bare fetch', code: "await fetch('http://a.test');" },
    { name: 'a global dispatcher is not an explicit one', code: lines("import { Agent, setGlobalDispatcher } from 'undici';", 'setGlobalDispatcher(new Agent());', "await fetch('http://a.test');") },
    { name: 'wrapped in RetryAgent', code: lines("import { Agent, RetryAgent } from 'undici';", 'const dispatcher = new RetryAgent(new Agent());', "await fetch('http://a.test', { dispatcher });") },
    {
      name: 'composed with interceptors.retry()',
      code: lines("import { Agent, interceptors, request } from 'undici';", 'const dispatcher = new Agent().compose(interceptors.retry({ maxRetries: 2 }));', "await request('http://a.test', { dispatcher });"),
    },
    { name: 'an unknown dispatcher', code: lines('export async function load(dispatcher) {', "  return fetch('http://a.test', { dispatcher });", '}') },
  ],
  invalid: [
    {
      name: 'the global fetch with an undici Agent',
      code: lines("import { Agent } from 'undici';", 'const dispatcher = new Agent({ keepAliveTimeout: 10_000 });', "await fetch('http://a.test', { dispatcher });"),
      errors: [{ ...client(3, 7), ...message('undici', 'fetch', 'dispatcher', 'on line 2') }],
    },
    {
      name: "undici's request and fetch with a Pool, through a namespace import",
      code: lines("import * as undici from 'undici';", "const pool = new undici.Pool('http://a.test');", "await undici.request('http://a.test/x', { dispatcher: pool });", "await undici.fetch('http://a.test/y', { dispatcher: pool });"),
      errors: [client(3, 7), client(4, 7)],
    },
    {
      name: 'composed with something other than retry',
      code: lines("import { Agent, interceptors } from 'undici';", 'const dispatcher = new Agent().compose(interceptors.dns());', "await fetch('http://a.test', { dispatcher });"),
      errors: [client(3, 7)],
    },
  ],
});
