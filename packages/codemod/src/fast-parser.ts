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
    // Kept, so that oxc rejects a parenthesised pattern (`((id)) => …`) as espree does; taken out below.
    preserveParens: true,
    showSemanticErrors: true,
  });
  // Odd whitespace oxc skips and espree rejects (a zero-width space, NEL): rare enough to leave to espree.
  if (result.errors.length > 0 || /[\u0085\u200b]/.test(sourceText)) return undefined;
  const program = result.program as unknown as TSESTree.Program;
  const position = positions(sourceText);
  const located = (node: { start: number; end: number }) => ({ start: position(node.start), end: position(node.end) });
  let importMeta = false;
  const pending: Record<string, unknown>[] = [program as unknown as Record<string, unknown>];
  while (pending.length > 0) {
    const node = pending.pop() as Record<string, unknown> & { type: string; start: number; end: number; range: [number, number]; tail?: boolean };
    if (declines(node, typescript, sourceText)) return undefined;
    // espree widens a template element over its delimiters (`…${ and }…`), as typescript-estree does.
    if (!typescript && node.type === 'TemplateElement') {
      node.start -= 1;
      node.end += node.tail ? 1 : 2;
      node.range = [node.start, node.end];
    }
    // oxc sorts a regular expression's flags; espree keeps them as written.
    const { regex, raw } = node as { regex?: { flags: string }; raw?: string };
    if (regex && raw) regex.flags = raw.slice(raw.lastIndexOf('/') + 1);
    if (node.type === 'MetaProperty' && (node.meta as { name?: string }).name === 'import') importMeta = true;
    node.loc = located(node);
    for (const key in node) {
      const value = node[key];
      if (key === 'loc' || key === 'range' || typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index += 1) {
          const item = withoutParentheses(value[index]) as { type?: unknown } | null;
          value[index] = item;
          if (item !== null && typeof item === 'object' && typeof item.type === 'string') pending.push(item as Record<string, unknown>);
        }
      } else if (typeof (value as { type?: unknown }).type === 'string') {
        const child = withoutParentheses(value) as Record<string, unknown>;
        node[key] = child;
        pending.push(child);
      }
    }
  }
  // typescript-estree calls a file a module as TypeScript does: by its imports and exports, `import.meta`, or a .mts name.
  if (typescript) (program as { sourceType: string }).sourceType = /\.mts$/i.test(filePath) || importMeta || program.body.some(marksModule) ? 'module' : 'script';
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

/** What `preserveParens` adds, taken out again: espree and typescript-estree keep no parentheses. */
function withoutParentheses(value: unknown): unknown {
  let current = value as { type?: unknown; expression?: unknown; typeAnnotation?: unknown } | null;
  while (current?.type === 'ParenthesizedExpression' || current?.type === 'TSParenthesizedType') {
    current = (current.type === 'ParenthesizedExpression' ? current.expression : current.typeAnnotation) as typeof current;
  }
  return current;
}

/**
 * What oxc accepts or reads in a way espree or typescript-estree do not, each
 * rare enough to leave to them (found by comparing the parsers on written
 * and generated programs; each is pinned in the parser-parity test):
 *
 * - syntax espree does not parse: decorators and `accessor` in JavaScript,
 *   `import defer`/`import source`, import attributes written `assert {…}`,
 *   a spread JSX child, a sequence in a JSX spread attribute;
 * - a regular expression the engine rejects (acorn checks patterns);
 * - an identifier with a character outside ASCII (the parsers' Unicode
 *   versions differ);
 * - TypeScript errors typescript-estree reports and oxc does not: a
 *   decorator anywhere (it rejects them in several places; oxc even drops
 *   one before `export { … }`), a computed enum member name, a type
 *   assertion as a destructuring target with a default, a private name in
 *   an optional chain;
 * - an HTML entity in JSX text or an attribute (espree and typescript-estree
 *   decode it, oxc keeps it as written).
 */
function declines(node: Record<string, unknown> & { type: string }, typescript: boolean, text: string): boolean {
  switch (node.type) {
    case 'Decorator':
      return true;
    case 'AccessorProperty':
      return !typescript;
    case 'JSXSpreadChild':
      return true;
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration': {
      const source = node.source as { end: number } | null | undefined;
      if (node.phase != null || (source != null && /\bassert\s*\{/.test(text.slice(source.end, node.end as number)))) return true;
      // oxc drops a decorator written before `export { … }` (TypeScript rejects it): an `@` since the last statement.
      const start = node.start as number;
      return node.type !== 'ImportDeclaration' && !node.declaration && /@[^;{}]*$/.test(text.slice(Math.max(0, start - 300), start));
    }
    case 'ImportExpression':
      return node.phase != null;
    case 'Identifier':
    case 'PrivateIdentifier':
    case 'JSXIdentifier':
      return /[^\t-~]/.test(node.name as string);
    case 'TSEnumMember':
      return node.computed === true || (node.id as { type: string }).type !== 'Identifier' && (node.id as { type: string }).type !== 'Literal';
    case 'AssignmentPattern':
      return (node.left as { type: string }).type.startsWith('TS');
    case 'ChainExpression':
      return typescript && privateNameInOptionalChain(node);
    case 'JSXSpreadAttribute':
      return (node.argument as { type: string }).type === 'SequenceExpression';
    case 'JSXText':
      return (node.raw as string).includes('&');
    case 'JSXAttribute':
      return ((node.value as { raw?: unknown } | null)?.raw as string | undefined)?.includes('&') === true;
    default: {
      const { regex } = node as { regex?: { pattern: string; flags: string } };
      if (!regex) return false;
      try {
        new RegExp(regex.pattern, regex.flags);
        return false;
      } catch {
        return true;
      }
    }
  }
}

/**
 * TypeScript rejects a private name at or after a chain's first `?.`
 * (`this?.#agent`, `a?.b.#c`; not `this.#agent?.close()`); oxc does not.
 */
function privateNameInOptionalChain(chain: Record<string, unknown>): boolean {
  const spine: { type: string; optional?: boolean; property?: { type: string }; object?: unknown; callee?: unknown }[] = [];
  for (let link = chain.expression as (typeof spine)[number] | undefined; link; ) {
    spine.push(link);
    link = (link.type === 'MemberExpression' ? link.object : link.type === 'CallExpression' ? link.callee : undefined) as typeof link;
  }
  return spine.some((link, index) => link.property?.type === 'PrivateIdentifier' && spine.slice(index).some((inner) => inner.optional === true));
}

/** A top-level statement that makes TypeScript call the file a module (`isAnExternalModuleIndicatorNode`). */
function marksModule(statement: TSESTree.ProgramStatement): boolean {
  switch (statement.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportDefaultDeclaration':
    case 'ExportNamedDeclaration':
    case 'TSExportAssignment':
      return true;
    case 'TSImportEqualsDeclaration':
      return statement.moduleReference.type === 'TSExternalModuleReference';
    default:
      return false;
  }
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
