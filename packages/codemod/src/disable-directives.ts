import type { TSESTree } from '@typescript-eslint/types';

/** The rule whose eslint-disable comments the codemod honours. */
const RULE_ID = 'keepalive-guard/no-unguarded-request';

/**
 * Lines on which `keepalive-guard/no-unguarded-request` is turned off by an
 * eslint-disable comment, read as ESLint reads them: `eslint-disable-line`,
 * `eslint-disable-next-line`, and `eslint-disable` ... `eslint-enable`
 * regions, each for every rule or for a list that names this one.
 */
export function disabledLines(comments: readonly TSESTree.Comment[]): (line: number) => boolean {
  const lines = new Set<number>();
  const regions: [number, number][] = [];
  let openSince: number | undefined;
  for (const comment of comments) {
    const directive = /^\s*(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?:\s+([^]*?))?\s*(?:--[^]*)?$/.exec(
      comment.value,
    );
    if (!directive) continue;
    const [, kind, list = ''] = directive;
    const rules = list
      .split(',')
      .map((rule) => rule.trim())
      .filter(Boolean);
    if (rules.length > 0 && !rules.includes(RULE_ID)) continue;
    switch (kind) {
      case 'eslint-disable-line':
        lines.add(comment.loc.start.line);
        break;
      case 'eslint-disable-next-line':
        lines.add(comment.loc.end.line + 1);
        break;
      case 'eslint-disable':
        openSince ??= comment.loc.start.line;
        break;
      default:
        if (openSince !== undefined) regions.push([openSince, comment.loc.start.line]);
        openSince = undefined;
    }
  }
  if (openSince !== undefined) regions.push([openSince, Number.POSITIVE_INFINITY]);
  return (line) => lines.has(line) || regions.some(([from, to]) => from <= line && line <= to);
}
