import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { descendants } from '../ast/walk.js';

/** How the file is written, so that what we add reads like the rest of it. */
export interface CodeStyle {
  readonly eol: '\n' | '\r\n';
  /** One level of indentation: a tab, or some spaces. */
  readonly indent: string;
  readonly quote: "'" | '"';
  readonly semicolons: boolean;
  /**
   * The file is ECMAScript 5 (it parses with `ecmaVersion: 5`): what we add
   * uses `var` and function expressions, never arrows, `const` or default
   * parameters.
   */
  readonly es5: boolean;
  /**
   * How the file writes its own named functions, for `send`: declarations
   * (`function send(…) {…}`), function expressions (`const send = function (…) {…}`)
   * or arrow functions (`const send = (…) => {…}`, also on a tie).
   */
  readonly functions: 'declaration' | 'expression' | 'arrow';
  /** A space between a named function's name and its parameters (`function send (attempt)`, standard style). */
  readonly spaceBeforeParen: boolean;
}

/** Detects the style of a file from its text and its statements. */
export function detectStyle(text: string, program: TSESTree.Program, typescript = false): CodeStyle {
  return {
    eol: detectEol(text),
    indent: detectIndent(text),
    ...detectPunctuation(text, program),
    es5: !typescript && !usesLaterSyntax(program),
    functions: detectFunctions(program),
    spaceBeforeParen: detectSpaceBeforeParen(text, program),
  };
}

/** Node types ECMAScript 5 has no syntax for: one of them settles it without a second parse. */
const LATER_SYNTAX: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.ClassDeclaration,
  AST_NODE_TYPES.ClassExpression,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.ImportExpression,
  AST_NODE_TYPES.ExportNamedDeclaration,
  AST_NODE_TYPES.ExportDefaultDeclaration,
  AST_NODE_TYPES.ExportAllDeclaration,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.SpreadElement,
  AST_NODE_TYPES.RestElement,
  AST_NODE_TYPES.ObjectPattern,
  AST_NODE_TYPES.ArrayPattern,
  AST_NODE_TYPES.AssignmentPattern,
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.YieldExpression,
  AST_NODE_TYPES.ChainExpression,
]);

/**
 * Whether the file uses syntax ECMAScript 5 does not have. Read from the tree
 * the analysis has, not by parsing again; what it might miss (a `0o` literal,
 * a reserved word as a name) only makes the rewrite write ECMAScript 5 where
 * it did not have to, which every later version runs.
 */
function usesLaterSyntax(program: TSESTree.Program): boolean {
  for (const node of descendants(program)) {
    if (LATER_SYNTAX.has(node.type) || /^(?:TS|JSX)/.test(node.type)) return true;
    switch (node.type) {
      case AST_NODE_TYPES.VariableDeclaration:
        if (node.kind !== 'var') return true;
        break;
      case AST_NODE_TYPES.Property:
        if (node.shorthand || node.method || node.computed) return true;
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
        if (node.async || node.generator) return true;
        break;
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.AssignmentExpression:
        if (/^(?:\*\*=?|\?\?=?|&&=|\|\|=)$/.test(node.operator)) return true;
        break;
      case AST_NODE_TYPES.Literal:
        if ('bigint' in node || ('regex' in node && /[^gim]/.test(node.regex.flags))) return true;
        break;
      case AST_NODE_TYPES.MetaProperty:
      case AST_NODE_TYPES.Super:
        return true;
      default:
        break;
    }
  }
  return false;
}

/** Whether most named functions have a space before their parameters (`function save (id)`). */
function detectSpaceBeforeParen(text: string, program: TSESTree.Program): boolean {
  let spaced = 0;
  let tight = 0;
  for (const node of descendants(program)) {
    if ((node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression) && node.id) {
      const after = text.slice(node.id.range[1], node.id.range[1] + 2);
      if (after.startsWith(' (')) spaced += 1;
      else if (after.startsWith('(') || after.startsWith('<')) tight += 1;
    }
  }
  return spaced > tight;
}

/** The most common way the file names a function of its own: a declaration, or a variable holding a function or an arrow. */
function detectFunctions(program: TSESTree.Program): CodeStyle['functions'] {
  const counts = { declaration: 0, expression: 0, arrow: 0 };
  for (const node of descendants(program)) {
    if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id) counts.declaration += 1;
    else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.Identifier) {
      const { init } = node;
      if (init.type === AST_NODE_TYPES.ArrowFunctionExpression) counts.arrow += 1;
      else if (init.type === AST_NODE_TYPES.FunctionExpression) counts.expression += 1;
    }
  }
  if (counts.declaration > Math.max(counts.expression, counts.arrow)) return 'declaration';
  return counts.expression > counts.arrow ? 'expression' : 'arrow';
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
