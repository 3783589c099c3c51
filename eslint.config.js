// Lint for this repository itself: @eslint/js and typescript-eslint everywhere,
// eslint-plugin-eslint-plugin on the rule files, and our own rule on our own code.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import keepaliveGuard from 'eslint-plugin-keepalive-guard';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    name: 'keepalive-guard/ignores',
    // Fixtures and the example app hold unguarded requests on purpose.
    ignores: ['**/dist/', '**/node_modules/', '**/fixtures/', 'examples/app/', 'test/e2e/programs/', 'test/e2e/clients/', 'test/e2e/traced/', 'test/e2e/caller-guards/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  keepaliveGuard.configs.recommended,
  {
    name: 'keepalive-guard/node',
    languageOptions: { globals: globals.node },
  },
  {
    name: 'keepalive-guard/rules',
    files: ['packages/eslint-plugin/src/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Require|Disallow|Enforce)' }],
    },
  },
);
