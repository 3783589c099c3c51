/**
 * A request needs the `http` or `https` module, and the analysis only follows
 * modules named by a literal specifier in `require(...)`, `import ... from`,
 * `import(...)` or `import x = require(...)`. So a file without such a text has
 * no request it could find. This check costs one scan of the text and lets the
 * rule and the codemod skip almost every file of a large project without
 * parsing or walking it (a bare "http" is in every file with a URL, and
 * TypeScript's own bundle lists "http" among Node's module names).
 */
const HTTP_MODULE_REFERENCE = /\b(?:require|import|from)\s*\(?\s*['"`](?:node:)?https?['"`]/;

export function mayContainRequest(text: string): boolean {
  return HTTP_MODULE_REFERENCE.test(text);
}

/** Source text of a node, on one line and cut to a readable length. */
export function excerpt(text: string, range: readonly [number, number], maxLength = 40): string {
  const flat = text.slice(range[0], range[1]).replace(/\s+/g, ' ');
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}
