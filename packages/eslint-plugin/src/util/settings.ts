import type { TSESLint } from '@typescript-eslint/utils';

/**
 * Shared settings, as eslint-plugin-n reads `settings.node.version`:
 * `settings: { keepaliveGuard: { nodeVersion: '>=20' } }`.
 */
export function configuredNodeVersion(settings: TSESLint.SharedConfigurationSettings): string | undefined {
  const shared: unknown = settings['keepaliveGuard'];
  if (typeof shared !== 'object' || shared === null) return undefined;
  const nodeVersion: unknown = (shared as Record<string, unknown>)['nodeVersion'];
  if (nodeVersion === undefined) return undefined;
  if (typeof nodeVersion !== 'string') {
    throw new TypeError('keepalive-guard: settings.keepaliveGuard.nodeVersion must be a semver range string.');
  }
  return nodeVersion;
}
