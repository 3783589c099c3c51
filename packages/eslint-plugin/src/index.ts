import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules/index.js';

export type { MessageId as NoUnguardedRequestMessageId, Options as NoUnguardedRequestOptions } from './rules/no-unguarded-request.js';
export type { MessageId as RequireAgentTimeoutMessageId, Options as RequireAgentTimeoutOptions } from './rules/require-agent-timeout.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

type RuleName = keyof typeof rules;

/** `'error'` for every rule whose docs say it is recommended. */
const recommendedRules = Object.fromEntries(
  Object.entries(rules)
    .filter(([, rule]) => rule.meta.docs?.recommended === true)
    .map(([ruleName]) => [`keepalive-guard/${ruleName}`, 'error']),
) as Record<`keepalive-guard/${RuleName}`, 'error'>;

export interface KeepaliveGuardPlugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: typeof rules;
  readonly configs: {
    /** Flat config: `export default [keepaliveGuard.configs.recommended]`. */
    readonly recommended: TSESLint.FlatConfig.Config;
  };
}

const plugin: KeepaliveGuardPlugin = {
  meta: { name, version },
  rules,
  configs: {} as KeepaliveGuardPlugin['configs'],
};

Object.assign(plugin.configs, {
  recommended: {
    name: 'keepalive-guard/recommended',
    plugins: { 'keepalive-guard': plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: recommendedRules,
  },
});

export default plugin;
