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
  let importMeta = false;
  const pending: Record<string, unknown>[] = [program as unknown as Record<string, unknown>];
  while (pending.length > 0) {
    const node = pending.pop() as Record<string, unknown> & { type: string; start: number; end: number; range: [number, number]; tail?: boolean };
    if (declines(node, typescript)) return undefined;
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
        for (const item of value) if (item !== null && typeof item === 'object' && typeof item.type === 'string') pending.push(item);
      } else if (typeof (value as { type?: unknown }).type === 'string') {
        pending.push(value as Record<string, unknown>);
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

/**
 * What oxc accepts or writes in a way espree or typescript-estree do not, and
 * that is rare enough to leave to them: syntax espree does not parse yet
 * (decorators and `accessor` fields in JavaScript, `import defer` and
 * `import source`); a regular expression the engine rejects (acorn checks
 * patterns, oxc does not); and an HTML entity in JSX text or an attribute
 * (espree and typescript-estree decode it, oxc keeps it as written).
 */
function declines(node: Record<string, unknown> & { type: string }, typescript: boolean): boolean {
  if (!typescript && (node.type === 'Decorator' || node.type === 'AccessorProperty')) return true;
  if ((node.type === 'ImportDeclaration' || node.type === 'ImportExpression') && node.phase != null) return true;
  const { regex, raw } = node as { regex?: { pattern: string; flags: string }; raw?: unknown };
  if (regex) {
    try {
      new RegExp(regex.pattern, regex.flags);
    } catch {
      return true;
    }
  }
  if (node.type === 'JSXText') return typeof raw === 'string' && raw.includes('&');
  if (node.type === 'JSXAttribute') return ((node.value as { raw?: unknown } | null)?.raw as string | undefined)?.includes('&') === true;
  return false;
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
