/** Reading the file's text around a node: its indent, a short excerpt for a message. */

/** The whitespace that starts the line containing `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/**
 * Source text of a node as a message names it: on one line, without the
 * spaces and line breaks a chain is written with (`https .get` reads
 * `https.get`), and, when too long, cut at a token boundary, never inside a
 * name.
 */
export function excerpt(text: string, range: readonly [number, number], maxLength = 40): string {
  const flat = text
    .slice(range[0], range[1])
    .replace(/\s+/g, ' ')
    .replace(/\s*(\?\.|\.(?!\.))\s*/g, '$1')
    .trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength - 1);
  // The last boundary between tokens: before a name or number cut in two, or at a space or punctuation.
  const boundary = /[\w$]$/.test(cut) && /^[\w$]/.test(flat.slice(maxLength - 1)) ? cut.replace(/[\w$]+$/, '') : cut;
  return `${boundary.trimEnd()}…`;
}
