import type { FastParser } from '@keepalive-guard/analysis';
import type { TSESTree } from '@typescript-eslint/types';
import { createRequire } from 'node:module';

/**
 * oxc-parser as the analysis' fast parser (`parseForAnalysis`'s
 * `fastParser`). It gives the tree espree (JavaScript) and typescript-estree
 * (TypeScript) give, many times faster; what it leaves out or writes
 * differently is completed here, and the parser-parity test requires the same
 * findings and the same edits with and without it on every fixture. Any text
 * it reports an error for (a syntax error, or one of the early errors espree
 * reports too) goes to the reference parser, which decides. Where no
 * oxc-parser binding exists for the platform, the reference parsers do
 * everything.
 */

type Oxc = typeof import('oxc-parser');
let oxc: Oxc | null | undefined;

function loadOxc(): Oxc | null {
  if (oxc === undefined) {
    try {
      oxc = createRequire(import.meta.url)('oxc-parser') as Oxc;
    } catch {
      oxc = null;
    }
  }
  return oxc;
}

/** `undefined` when oxc-parser cannot be loaded on this machine. */
export function oxcParser(): FastParser | undefined {
  return loadOxc() ? parseWithOxc : undefined;
}

function parseWithOxc(sourceText: string, filePath: string, sourceType: 'module' | 'commonjs'): TSESTree.Program | undefined {
  const parser = loadOxc() as Oxc;
  const typescript = /\.[cm]?tsx?$/i.test(filePath);
  const result = parser.parseSync(filePath, sourceText, {
    lang: typescript ? (/x$/i.test(filePath) ? 'tsx' : 'ts') : 'jsx',
    sourceType,
    range: true,
    preserveParens: false,
    showSemanticErrors: true,
  });
  if (result.errors.length > 0) return undefined;
  const program = result.program as unknown as TSESTree.Program;
  const position = positions(sourceText);
  const located = (node: { start: number; end: number }) => ({ start: position(node.start), end: position(node.end) });
  const pending: Record<string, unknown>[] = [program as unknown as Record<string, unknown>];
  while (pending.length > 0) {
    const node = pending.pop() as Record<string, unknown> & { type: string; start: number; end: number; range: [number, number]; tail?: boolean };
    // espree widens a template element over its delimiters (`…${ and }…`), as typescript-estree does.
    if (!typescript && node.type === 'TemplateElement') {
      node.start -= 1;
      node.end += node.tail ? 1 : 2;
      node.range = [node.start, node.end];
    }
    // oxc sorts a regular expression's flags; espree keeps them as written.
    const { regex, raw } = node as { regex?: { flags: string }; raw?: string };
    if (regex && raw) regex.flags = raw.slice(raw.lastIndexOf('/') + 1);
    node.loc = located(node);
    for (const key in node) {
      const value = node[key];
      if (key === 'loc' || key === 'range' || typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (item !== null && typeof item === 'object' && typeof item.type === 'string') pending.push(item);
      } else if (typeof (value as { type?: unknown }).type === 'string') {
        pending.push(value as Record<string, unknown>);
      }
    }
  }
  // A `#!` line is a comment of its own type for espree and typescript-estree, not a field of the program.
  const { hashbang } = program as { hashbang?: unknown };
  delete (program as { hashbang?: unknown }).hashbang;
  (program as { comments: TSESTree.Comment[] }).comments = result.comments.map(
    (comment) =>
      ({
        type: hashbang && comment.start === 0 ? 'Hashbang' : comment.type,
        value: comment.value,
        range: [comment.start, comment.end],
        loc: located(comment),
      }) as TSESTree.Comment,
  );
  return program;
}

/** Offsets to ESLint's 1-based lines and 0-based columns (in UTF-16 code units, as ranges are). */
function positions(text: string): (offset: number) => TSESTree.Position {
  const starts = [0];
  const lineBreak = /\r\n?|[\n\u2028\u2029]/g;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) starts.push(match.index + match[0].length);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) };
  };
}
