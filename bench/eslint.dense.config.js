// The dense bench's config: bench/eslint.config.js with require-agent-timeout
// too, so that both rules are counted.
import base from './eslint.config.js';

export default [
  ...base,
  { files: ['**/*.{js,mjs,cjs}'], rules: { 'keepalive-guard/require-agent-timeout': 'error' } },
];
