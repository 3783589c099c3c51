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
    /**
     * `recommended`, with agents imported from other modules followed through
     * TypeScript. Needs type information: `parserOptions.projectService`.
     */
    readonly 'recommended-type-checked': TSESLint.FlatConfig.Config;
  };
}

const plugin: KeepaliveGuardPlugin = {
  meta: { name, version },
  rules,
  configs: {} as KeepaliveGuardPlugin['configs'],
};

const plugins = { 'keepalive-guard': plugin as unknown as TSESLint.FlatConfig.Plugin };
Object.assign(plugin.configs, {
  recommended: { name: 'keepalive-guard/recommended', plugins, rules: recommendedRules },
  'recommended-type-checked': {
    name: 'keepalive-guard/recommended-type-checked',
    plugins,
    rules: { ...recommendedRules, 'keepalive-guard/no-unguarded-request': ['error', { resolveImportedAgents: true }] },
  },
});

export default plugin;
