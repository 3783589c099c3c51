import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { noUnguardedRequest } from '../src/rules/no-unguarded-request.js';
import { javascriptTester, typescriptTester } from './rule-tester.js';

// The codemod's golden fixtures: the suggestion must be the same rewrite, byte for byte.
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'codemod', 'test', 'fixtures');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

javascriptTester.run('no-unguarded-request: the suggestion (JavaScript)', noUnguardedRequest, {
  valid: [
    { name: "the seed after the rewrite: the helper counts as a guard", code: fixture('seed.output.js') },
  ],
  invalid: [
    {
      name: "the seed from Node's docs",
      code: fixture('seed.input.js'),
      filename: 'seed.js',
      errors: [
        {
          messageId: 'unguardedKeepAliveAgent',
          line: 15,
          column: 3,
          suggestions: [{ messageId: 'wrapWithRetry', data: { maxRetries: 3 }, output: fixture('seed.output.js') }],
        },
      ],
    },
    {
      name: 'maxRetries goes into the helper',
      code: fixture('seed.input.js'),
      filename: 'seed.js',
      options: [{ maxRetries: 5 }],
      errors: [
        {
          messageId: 'unguardedKeepAliveAgent',
          suggestions: [
            {
              messageId: 'wrapWithRetry',
              data: { maxRetries: 5 },
              output: fixture('seed.output.js').replace('attempt < 3 &&', 'attempt < 5 &&').replace('at most 3 times', 'at most 5 times'),
            },
          ],
        },
      ],
    },
  ],
});

typescriptTester.run('no-unguarded-request: the suggestion (TypeScript)', noUnguardedRequest, {
  valid: [
    {
      name: 'a POST without an idempotency key, when reportNonIdempotent is off',
      code: fixture('skip-non-idempotent.input.ts'),
      options: [{ reportNonIdempotent: false }],
    },
  ],
  invalid: [
    {
      name: 'a promise executor, with a typed helper',
      code: fixture('promise-executor.input.ts'),
      filename: 'fetch.ts',
      errors: [
        {
          messageId: 'unguardedKeepAliveAgent',
          line: 7,
          column: 17,
          suggestions: [{ messageId: 'wrapWithRetry', data: { maxRetries: 3 }, output: fixture('promise-executor.output.ts') }],
        },
      ],
    },
    {
      name: 'a POST without an idempotency key: its own message, and no suggestion',
      code: fixture('skip-non-idempotent.input.ts'),
      errors: [
        {
          messageId: 'unguardedNonIdempotent',
          line: 7,
          column: 17,
          data: { callee: 'http.request', agent: '`agent`' },
          suggestions: 0,
        },
      ],
    },
    {
      name: 'a site the codemod leaves alone keeps its report, without a suggestion',
      code: fixture('skip-streamed-body.input.js'),
      filename: 'upload.js',
      errors: [
        { messageId: 'unguardedKeepAliveAgent', line: 8, suggestions: 0 },
        { messageId: 'unguardedKeepAliveAgent', line: 14, suggestions: 0 },
        { messageId: 'unguardedKeepAliveAgent', line: 19, suggestions: 0 },
      ],
    },
  ],
});
