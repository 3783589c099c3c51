import { RuleTester } from '@typescript-eslint/rule-tester';
import espree from 'espree';
import { afterAll, describe, it } from 'vitest';

// typescript-eslint's RuleTester runs on whatever test framework it is given.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Settings that make the global agent keep-alive without reading a package.json. */
export const NODE_20 = { keepaliveGuard: { nodeVersion: '>=20' } };

/** TypeScript files through typescript-eslint's parser (its default). */
export const typescriptTester = new RuleTester({ settings: NODE_20 });

/** JavaScript files through ESLint's own parser, which gives plain ESTree (`Literal`, `Property`, `ChainExpression`). */
export const javascriptTester = new RuleTester({
  languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType: 'module' },
  settings: NODE_20,
});

/** Joins lines, so that the line numbers of a case are easy to read off. */
export function lines(...source: string[]): string {
  return source.join('\n');
}

/** TypeScript files whose Node version comes from the nearest package.json, as in a real project. */
export const enginesTester = new RuleTester();
