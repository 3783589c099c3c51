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
const CLIENT_MODULE_REFERENCE = moduleReference('axios|node-fetch|got|superagent|undici');
/** Agents come from `http`, `https` or agentkeepalive. */
const AGENT_MODULE_REFERENCE = moduleReference('(?:node:)?https?|agentkeepalive');

export function mayContainRequest(text: string): boolean {
  return HTTP_MODULE_REFERENCE.test(text) || CLIENT_MODULE_REFERENCE.test(text);
}

/** Whether the file names a client package (axios, node-fetch, got, superagent, undici). */
export function mayUseClient(text: string): boolean {
  return CLIENT_MODULE_REFERENCE.test(text);
}

/** The same check for agents: a file that names none of their modules creates none. */
export function mayContainAgent(text: string): boolean {
  return AGENT_MODULE_REFERENCE.test(text);
}

/** The whitespace that starts the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** Source text of a node, on one line and cut to a readable length. */
export function excerpt(text: string, range: readonly [number, number], maxLength = 40): string {
  const flat = text.slice(range[0], range[1]).replace(/\s+/g, ' ');
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}
