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
