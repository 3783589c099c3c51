import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { skip } from './reasons.js';
import type { CodeStyle } from './style.js';
import { descendants } from '../ast/walk.js';

export interface TextEdit {
  /** Offsets into the analysed text (without a BOM). */
  readonly range: readonly [number, number];
  readonly text: string;
}

/** The statements start and end their lines: a rewrite of minified or generated code would help nobody. */
export function checkOwnLines(text: string, statements: readonly TSESTree.Statement[]): void {
  const start = (statements[0] as TSESTree.Statement).range[0];
  const end = (statements.at(-1) as TSESTree.Statement).range[1];
  const before = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
  const lineEnd = text.indexOf('\n', end);
  const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
  if (before.trim() !== '' || !/^\s*(?:\/\/.*|\/\*.*\*\/\s*)?$/.test(after)) skip('shared-line');
}

/** Ranges of template literals: their lines must not be re-indented, or their text would change. */
export function templateRanges(statements: readonly TSESTree.Statement[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const statement of statements) {
    for (const node of descendants(statement)) {
      if (node.type === AST_NODE_TYPES.TemplateLiteral) ranges.push([node.range[0], node.range[1]]);
    }
  }
  return ranges;
}

export function sameLine(text: string, from: number, to: number): boolean {
  return !text.slice(Math.min(from, to), Math.max(from, to)).includes('\n');
}

/**
 * `text[start, end)` with `edits` applied, every line after the first one
 * level deeper: inserted lines are written at the original depth and are
 * indented with the rest. Lines inside template literals and blank lines are
 * left as they are.
 */
export function indentBlock(
  text: string,
  start: number,
  end: number,
  edits: readonly TextEdit[],
  protectedRanges: readonly (readonly [number, number])[],
  style: CodeStyle,
): string {
  const deeper = (segment: string, offset: number | undefined): string =>
    segment.replace(/\n(?=([^\r\n]?))/g, (newline, next: string, index: number) => {
      if (next === '') return newline;
      if (offset !== undefined) {
        const lineStart = offset + index + 1;
        if (protectedRanges.some(([from, to]) => from < lineStart && lineStart < to)) return newline;
      }
      return `${newline}${style.indent}`;
    });
  let result = '';
  let position = start;
  for (const edit of [...edits].sort((a, b) => a.range[0] - b.range[0])) {
    result += deeper(text.slice(position, edit.range[0]), position);
    result += deeper(edit.text, undefined);
    position = edit.range[1];
  }
  return result + deeper(text.slice(position, end), position);
}
