// The dense bench's config: bench/eslint.config.js with require-agent-timeout
// too, so that both rules are counted, and the same rules for the corpus's
// TypeScript sources, parsed by typescript-eslint's parser.
import tseslint from 'typescript-eslint';
import base from './eslint.config.js';

const [, ours] = base;

export default [
  ...base,
  { files: ['**/*.{js,mjs,cjs}'], rules: { 'keepalive-guard/require-agent-timeout': 'error' } },
  {
    files: ['**/*.{ts,mts,cts}'],
    ignores: ['**/*.d.{ts,mts,cts}'],
    plugins: ours.plugins,
    languageOptions: { ...ours.languageOptions, parser: tseslint.parser },
    linterOptions: ours.linterOptions,
    rules: { ...ours.rules, 'keepalive-guard/require-agent-timeout': 'error' },
  },
];
