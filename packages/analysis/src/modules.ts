/**
 * Which module specifiers are Node's HTTP client modules, and what they
 * export that matters for a request through an agent.
 */

export type HttpModuleName = 'http' | 'https';

const HTTP_MODULES: ReadonlyMap<string, HttpModuleName> = new Map([
  ['http', 'http'],
  ['node:http', 'http'],
  ['https', 'https'],
  ['node:https', 'https'],
]);

/** `'node:https'` → `'https'`; anything else → `undefined`. */
export function httpModuleOf(specifier: string): HttpModuleName | undefined {
  return HTTP_MODULES.get(specifier);
}

/** The agentkeepalive package: its default export is `HttpAgent`. */
export const AGENTKEEPALIVE = 'agentkeepalive';

/** Functions of `http`/`https` that send a request. */
export const REQUEST_FUNCTIONS: ReadonlySet<string> = new Set(['request', 'get']);

/** HTTP client packages the analysis knows, and axios-retry, which guards axios. */
export type ClientName = 'axios' | 'node-fetch' | 'got' | 'superagent' | 'undici';
export type ClientPackage = ClientName | 'axios-retry';

const CLIENT_PACKAGES: ReadonlySet<string> = new Set<ClientPackage>(['axios', 'node-fetch', 'got', 'superagent', 'undici', 'axios-retry']);

/** `'axios'` → `'axios'`; anything else → `undefined`. */
export function clientPackageOf(specifier: string): ClientPackage | undefined {
  return CLIENT_PACKAGES.has(specifier) ? (specifier as ClientPackage) : undefined;
}
