// eslint-doc-generator writes the rules lists (this package's README, which npm
// shows, and the repository's) and each rule doc's header. `pnpm lint` runs it with --check.
/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  pathRuleList: ['README.md', '../../README.md'],
  ruleDocTitleFormat: 'prefix-name',
};

export default config;
