import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { FIRST_ATTEMPT_HELPER, RETRY_HELPER, SNAPSHOT_HELPER, firstAttemptHelperSource, retryHelperSource, snapshotHelperSource } from './helper.js';
import type { TextEdit } from './layout.js';
import type { CodeStyle } from './style.js';
import { calleePath } from '../ast/callee.js';
import { memberPropertyName } from '../ast/predicates.js';
import { descendants } from '../ast/walk.js';

/**
 * One helper module per package (`--helper-module`, the rule's
 * `helperModule`): the helpers written once, in a file of their own, and
 * imported by each rewritten file.
 */

/** How a rewritten file imports the helper module: the specifier from the file, and `import` or `require`. */
export interface HelperImport {
  readonly specifier: string;
  readonly syntax: 'import' | 'require';
}

/** An ES module or a CommonJS one (written in ECMAScript 5, so that any Node and any file can load it). */
export type HelperModuleFormat = 'esm' | 'cjs';

/** The first line of every file the codemod writes for `--helper-module`; a later run checks for it. */
export const HELPER_MODULE_MARKER =
  '// Written by @keepalive-guard/codemod (--helper-module) and checked on each run: do not edit. Retries for the keep-alive race.';

/** The names the helper module exports, in the order it declares them. */
export const HELPER_NAMES = [RETRY_HELPER, SNAPSHOT_HELPER, FIRST_ATTEMPT_HELPER] as const;

const MODULE_STYLE: CodeStyle = { eol: '\n', indent: '  ', quote: "'", semicolons: true, es5: false, functions: 'declaration', spaceBeforeParen: false };

/** The helper module's text: the three helpers, the retry taking `maxRetries` as its fourth argument. */
export function helperModuleSource(format: HelperModuleFormat): string {
  const style: CodeStyle = { ...MODULE_STYLE, es5: format === 'cjs' };
  const sources = [
    retryHelperSource(style, { typescript: false, maxRetries: 'parameter' }),
    snapshotHelperSource(style, { typescript: false }),
    firstAttemptHelperSource(style, { typescript: false }),
  ];
  if (format === 'esm') {
    return `${[HELPER_MODULE_MARKER, ...sources.map((source) => source.replace(/^function /m, 'export function '))].join('\n\n')}\n`;
  }
  const exports = HELPER_NAMES.map((name) => `exports.${name} = ${name};`).join('\n');
  return `${[HELPER_MODULE_MARKER, "'use strict';", ...sources, exports].join('\n\n')}\n`;
}

/** The declaration file written beside the helper module when TypeScript files import it. */
export function helperDeclarationSource(): string {
  return [
    HELPER_MODULE_MARKER,
    "import type { ClientRequest } from 'node:http';",
    '',
    '/** Whether to send a request again after an error: a reused socket reset before any response, a method safe to repeat, at most `maxRetries` times. */',
    `export declare function ${RETRY_HELPER}(req: ClientRequest & { res?: unknown }, err: unknown, attempt: number, maxRetries: number): boolean;`,
    '',
    '/** A copy of what a request was built from, taken before its first attempt. */',
    `export declare function ${SNAPSHOT_HELPER}<T>(value: T): T;`,
    '',
    '/** A value computed where the first attempt computes it, and the same value for each retry. */',
    `export declare function ${FIRST_ATTEMPT_HELPER}<T>(compute: () => T): () => T;`,
    '',
  ].join('\n');
}

/** Whether a statement imports `names`' module: `import { … } from 'spec'`, `const { … } = require('spec')` or `var x = require('spec').x`. */
function importedNames(statement: TSESTree.ProgramStatement, specifier: string): Set<string> | undefined {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
    if (statement.source.value !== specifier) return undefined;
    return new Set(statement.specifiers.map((entry) => entry.local.name));
  }
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return undefined;
  const names = new Set<string>();
  for (const declarator of statement.declarations) {
    const init = declarator.init;
    const call = init?.type === AST_NODE_TYPES.MemberExpression ? init.object : init;
    if (call?.type !== AST_NODE_TYPES.CallExpression || calleePath(call.callee).join('.') !== 'require') return undefined;
    const [source] = call.arguments;
    if (source?.type !== AST_NODE_TYPES.Literal || source.value !== specifier) return undefined;
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of declarator.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) names.add(property.value.name);
      }
    } else if (declarator.id.type === AST_NODE_TYPES.Identifier && init?.type === AST_NODE_TYPES.MemberExpression && memberPropertyName(init) === declarator.id.name) {
      names.add(declarator.id.name);
    } else {
      return undefined;
    }
  }
  return names;
}

/** A statement that only loads modules: an import, or `const x = require(…)` (also `require(…).x`). */
function loadsModules(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) return true;
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  return statement.declarations.every((declarator) => {
    let init: TSESTree.Node | null | undefined = declarator.init;
    while (init?.type === AST_NODE_TYPES.MemberExpression) init = init.object;
    return init?.type === AST_NODE_TYPES.CallExpression && calleePath(init.callee).join('.') === 'require';
  });
}

/**
 * The edit that makes the file import `names` from the helper module: added
 * to an import (or destructured `require`) of it that is already there, or a
 * new statement after the file's last leading import or `require`, else
 * after its directives (`'use strict'`), else before its first statement.
 * `undefined` when the file imports them all already.
 */
export function helperImportEdit(
  program: TSESTree.Program,
  text: string,
  style: CodeStyle,
  helper: HelperImport,
  names: readonly string[],
): TextEdit | undefined {
  const q = (value: string) => `${style.quote}${value}${style.quote}`;
  const semi = style.semicolons ? ';' : '';
  let present = new Set<string>();
  for (const statement of program.body) {
    const imported = importedNames(statement, helper.specifier);
    if (imported) present = new Set([...present, ...imported]);
  }
  const missing = names.filter((name) => !present.has(name));
  if (missing.length === 0) return undefined;
  // Add to an existing `import { a } from 'spec'` or `const { a } = require('spec')`.
  for (const statement of program.body) {
    if (!importedNames(statement, helper.specifier)) continue;
    const list =
      statement.type === AST_NODE_TYPES.ImportDeclaration
        ? statement.specifiers.filter((entry) => entry.type === AST_NODE_TYPES.ImportSpecifier)
        : statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations[0]?.id.type === AST_NODE_TYPES.ObjectPattern
          ? statement.declarations[0].id.properties
          : [];
    const last = list.at(-1);
    if (last) return { range: [last.range[1], last.range[1]], text: missing.map((name) => `, ${name}`).join('') };
  }
  const statement =
    helper.syntax === 'import'
      ? `import { ${missing.join(', ')} } from ${q(helper.specifier)}${semi}`
      : style.es5
        ? missing.map((name) => `var ${name} = require(${q(helper.specifier)}).${name}${semi}`).join(style.eol)
        : `const { ${missing.join(', ')} } = require(${q(helper.specifier)})${semi}`;
  // After the leading directives and the statements that load modules.
  let anchor: TSESTree.ProgramStatement | undefined;
  for (const node of program.body) {
    const directive = node.type === AST_NODE_TYPES.ExpressionStatement && node.directive !== undefined;
    if (!(directive && (anchor === undefined || anchor.type === AST_NODE_TYPES.ExpressionStatement)) && !loadsModules(node)) break;
    anchor = node;
  }
  if (anchor) {
    const gap = anchor.type === AST_NODE_TYPES.ExpressionStatement ? `${style.eol}${style.eol}` : style.eol;
    return { range: [anchor.range[1], anchor.range[1]], text: `${gap}${statement}` };
  }
  const first = program.body[0];
  const start = first ? first.range[0] : text.length;
  return { range: [start, start], text: `${statement}${style.eol}${style.eol}` };
}

/** The bound an earlier run wrote into a file's own copy of the retry helper (`attempt < 3`). */
export function copiedBound(declaration: string): number | undefined {
  const match = /attempt\s*<\s*(\d+)/.exec(declaration);
  return match ? Number(match[1]) : undefined;
}

/** `shouldRetryOnReusedSocket(req, err, attempt)` calls with three arguments: those written for a per-file copy. */
export function threeArgumentRetryCalls(program: TSESTree.Program): TSESTree.CallExpression[] {
  return [...descendants(program)].filter(
    (node): node is TSESTree.CallExpression =>
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.name === RETRY_HELPER &&
      node.arguments.length === 3,
  );
}
