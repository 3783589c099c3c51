/** Reading the file's text around a node: its indent, a short excerpt for a message. */

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
