// What the rule benchmark lints the corpus with: @eslint/js recommended (the
// total to compare against), our rule, and eslint-plugin-n's no-deprecated-api,
// a rule that also tracks references to Node's modules.
import js from '@eslint/js';
import keepaliveGuard from 'eslint-plugin-keepalive-guard';
import n from 'eslint-plugin-n';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    plugins: { 'keepalive-guard': keepaliveGuard, n },
    languageOptions: { ecmaVersion: 'latest', globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'keepalive-guard/no-unguarded-request': ['error', { globalAgent: 'keep-alive' }],
      'n/no-deprecated-api': 'error',
    },
  },
];
