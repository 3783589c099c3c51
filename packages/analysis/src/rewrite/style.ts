import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { descendants } from '../ast/walk.js';

/** How the file is written, so that what we add reads like the rest of it. */
export interface CodeStyle {
  readonly eol: '\n' | '\r\n';
  /** One level of indentation: a tab, or some spaces. */
  readonly indent: string;
  readonly quote: "'" | '"';
  readonly semicolons: boolean;
}

/** Detects the style of a file from its text and its statements. */
export function detectStyle(text: string, program: TSESTree.Program): CodeStyle {
  return {
    eol: detectEol(text),
    indent: detectIndent(text),
    ...detectPunctuation(text, program),
  };
}

export function detectEol(text: string): CodeStyle['eol'] {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** The most common step between the indentation of consecutive lines. */
function detectIndent(text: string): string {
  let tabs = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const leading = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (leading.startsWith('\t')) {
      tabs += 1;
      continue;
    }
    const width = leading.length;
    if (width > previous) steps.set(width - previous, (steps.get(width - previous) ?? 0) + 1);
    previous = width;
  }
  let best = 0;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (step <= 8 && (count > bestCount || (count === bestCount && step < best))) {
      best = step;
      bestCount = count;
    }
  }
  if (tabs > bestCount) return '\t';
  return ' '.repeat(best || 2);
}

function detectPunctuation(text: string, program: TSESTree.Program): Pick<CodeStyle, 'quote' | 'semicolons'> {
  let single = 0;
  let double = 0;
  let withSemicolon = 0;
  let withoutSemicolon = 0;
  for (const node of descendants(program)) {
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') {
      const quote = text[node.range[0]];
      if (quote === "'") single += 1;
      else if (quote === '"') double += 1;
    } else if (
      node.type === AST_NODE_TYPES.ExpressionStatement ||
      (node.type === AST_NODE_TYPES.VariableDeclaration && node.parent?.type !== AST_NODE_TYPES.ForStatement &&
        node.parent?.type !== AST_NODE_TYPES.ForInStatement && node.parent?.type !== AST_NODE_TYPES.ForOfStatement) ||
      node.type === AST_NODE_TYPES.ReturnStatement
    ) {
      if (text[node.range[1] - 1] === ';') withSemicolon += 1;
      else withoutSemicolon += 1;
    }
  }
  return { quote: double > single ? '"' : "'", semicolons: withSemicolon >= withoutSemicolon };
}
