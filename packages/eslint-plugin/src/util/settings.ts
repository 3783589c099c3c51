import type { TSESLint } from '@typescript-eslint/utils';

/**
 * Shared settings, as eslint-plugin-n reads `settings.node.version`:
 * `settings: { keepaliveGuard: { nodeVersion: '>=20', reportUnresolvedAgent: false } }`.
 */
function sharedSetting(settings: TSESLint.SharedConfigurationSettings, name: string): unknown {
  const shared: unknown = settings['keepaliveGuard'];
  if (typeof shared !== 'object' || shared === null) return undefined;
  return (shared as Record<string, unknown>)[name];
}

/** `settings.keepaliveGuard.reportUnresolvedAgent`, a boolean when set. */
export function configuredReportUnresolvedAgent(settings: TSESLint.SharedConfigurationSettings): boolean | undefined {
  const value = sharedSetting(settings, 'reportUnresolvedAgent');
  if (value === undefined || typeof value === 'boolean') return value;
  throw new TypeError('keepalive-guard: settings.keepaliveGuard.reportUnresolvedAgent must be true or false.');
}

export function configuredNodeVersion(settings: TSESLint.SharedConfigurationSettings): string | undefined {
  const nodeVersion = sharedSetting(settings, 'nodeVersion');
  if (nodeVersion === undefined) return undefined;
  if (typeof nodeVersion !== 'string') {
    throw new TypeError('keepalive-guard: settings.keepaliveGuard.nodeVersion must be a semver range string.');
  }
  return nodeVersion;
}

/** `settings.keepaliveGuard.helperModule`: the path of the package's helper module, as the codemod's `--helper-module`. */
export function configuredHelperModule(settings: TSESLint.SharedConfigurationSettings): string | undefined {
  const value = sharedSetting(settings, 'helperModule');
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/\.[cm]?js$/i.test(value)) {
    throw new TypeError('keepalive-guard: settings.keepaliveGuard.helperModule must be the path of a .js, .mjs or .cjs file.');
  }
  return value;
}
