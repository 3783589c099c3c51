import { CLIENT_REQUEST_PACKAGES } from './clients/index.js';

/**
 * A request needs the `http` or `https` module, and the analysis only follows
 * modules named by a literal specifier in `require(...)`, `import ... from`,
 * `import(...)` or `import x = require(...)`. So a file without such a text has
 * no request it could find. This check costs one scan of the text and lets the
 * rule and the codemod skip almost every file of a large project without
 * parsing or walking it (a bare "http" is in every file with a URL, and
 * TypeScript's own bundle lists "http" among Node's module names).
 */
const moduleReference = (names: string) => new RegExp(`\\b(?:require|import|from)\\s*\\(?\\s*['"\`](?:${names})['"\`]`);
const HTTP_MODULE_REFERENCE = moduleReference('(?:node:)?https?');
/** The client packages whose requests the analysis reads (the global `fetch` needs undici's dispatcher). */
const CLIENT_MODULE_REFERENCE = moduleReference(CLIENT_REQUEST_PACKAGES.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
/** Agents come from `http`, `https` or agentkeepalive. */
const AGENT_MODULE_REFERENCE = moduleReference('(?:node:)?https?|agentkeepalive');

export function mayContainRequest(text: string): boolean {
  return HTTP_MODULE_REFERENCE.test(text) || CLIENT_MODULE_REFERENCE.test(text);
}

/** Whether the file imports a client package (`clients/index.ts` lists them). */
export function mayUseClient(text: string): boolean {
  return CLIENT_MODULE_REFERENCE.test(text);
}

/** The same check for agents: a file that names none of their modules creates none. */
export function mayContainAgent(text: string): boolean {
  return AGENT_MODULE_REFERENCE.test(text);
}
