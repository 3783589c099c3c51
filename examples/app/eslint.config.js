// The example app's lint config, as a user of the plugin would write it.
import keepaliveGuard from 'eslint-plugin-keepalive-guard';
import tseslint from 'typescript-eslint';

export default [
  keepaliveGuard.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
  },
];
