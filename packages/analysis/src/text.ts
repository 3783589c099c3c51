/**
 * A request needs the `http` or `https` module, so a file that never says
 * "http" has none. This check costs one scan of the text and lets the rule and
 * the codemod skip almost every file of a large project without walking it.
 */
export function mayContainRequest(text: string): boolean {
  return text.includes('http');
}

/** Source text of a node, on one line and cut to a readable length. */
export function excerpt(text: string, range: readonly [number, number], maxLength = 40): string {
  const flat = text.slice(range[0], range[1]).replace(/\s+/g, ' ');
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}
