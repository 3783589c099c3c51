import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { RETRY_HELPER } from './helper.js';
import { type TextEdit, sameLine } from './layout.js';
import { NAME_CANDIDATES, type NameChooser, identifierNames } from './names.js';
import { skip } from './reasons.js';
import type { CodeStyle } from './style.js';
import { type FunctionNode, isFunction, isPromiseExecutor, skipTransparentWrappers } from '../ast/predicates.js';
import { lexicalBindingsUsed, ownNodes } from '../ast/walk.js';
import type { ListenerRegistration } from '../request-chain.js';
import { lineIndent } from '../source-text.js';
import type { ValueResolver } from '../values/resolver.js';

/** The retry check, as a statement starting at indentation `at`. */
type RetryStatement = (error: string, at: string) => string;

export interface RetryNames {
  readonly send: string;
  readonly attempt: string;
  readonly request: string;
  /** What the retry check is given after the attempt: `, 3` for the shared helper module. */
  readonly retryArguments: string;
}

/**
 * How the error listener is extended: the retry goes first in the request's
 * one `'error'` listener, so that listener runs only for the attempt that is
 * not retried; with no listener, one is added after the request's statement
 * that throws as Node did.
 */
export function errorListenerEdits(
  registrations: readonly ListenerRegistration[],
  statement: TSESTree.Statement,
  names: RetryNames,
  context: { readonly text: string; readonly style: CodeStyle; readonly values: ValueResolver; readonly chooser: NameChooser },
): TextEdit[] {
  const errorListeners = registrations.filter((registration) => registration.event === 'error');
  if (errorListeners.length > 1) skip('error-listener');
  const { text, style } = context;
  const semi = style.semicolons ? ';' : '';
  // Braced, whatever the file does elsewhere: `curly: all` is a common setting and asks for it.
  const retryStatement: RetryStatement = (error, at) =>
    [
      `if (${RETRY_HELPER}(${names.request}, ${error}, ${names.attempt}${names.retryArguments})) {`,
      `${at}${style.indent}return ${names.send}(${names.attempt} + 1)${semi}`,
      `${at}}`,
    ].join(style.eol);
  const [existing] = errorListeners;
  if (existing) return extendListener(existing.listener, names.request, retryStatement, context);
  const error = context.chooser.choose(NAME_CANDIDATES.error);
  const q = style.quote;
  const indent = lineIndent(text, statement.range[0]);
  const listener = [
    `${names.request}.on(${q}error${q}, ${style.es5 ? `function (${error})` : `(${error}) =>`} {`,
    `${indent}${style.indent}${retryStatement(error, indent + style.indent)}`,
    `${indent}${style.indent}throw ${error}${semi} // as before: with no 'error' listener the error was thrown`,
    `${indent}})${semi}`,
  ].join(style.eol);
  return [{ range: [statement.range[1], statement.range[1]], text: `${style.eol}${indent}${listener}` }];
}

/** Puts the retry first in the existing 'error' listener. */
function extendListener(
  listener: TSESTree.Node,
  requestName: string,
  retryStatement: RetryStatement,
  context: { readonly text: string; readonly style: CodeStyle; readonly values: ValueResolver; readonly chooser: NameChooser },
): TextEdit[] {
  const { text, style } = context;
  const { eol, indent: unit } = style;
  const semi = style.semicolons ? ';' : '';
  const lineStartIndent = lineIndent(text, listener.range[0]);
  if (isFunction(listener)) {
    const parameters = listener.params.filter(
      (parameter) => !(parameter.type === AST_NODE_TYPES.Identifier && parameter.name === 'this'),
    );
    // A default value runs when the listener is called: before the retry check, once per abandoned attempt.
    if (listener.params.some((parameter) => parameter.type === AST_NODE_TYPES.AssignmentPattern)) skip('error-listener');
    const edits: TextEdit[] = [];
    let error: string;
    const [first] = parameters;
    if (!first) {
      if (parameters.length !== listener.params.length) skip('error-listener');
      error = context.chooser.choose(NAME_CANDIDATES.error, identifierNames(listener));
      const open = indexOutsideComments(text, '(', listener.id ? listener.id.range[1] : listener.range[0]);
      const close = indexOutsideComments(text, ')', open);
      edits.push({ range: [open, close + 1], text: `(${error})` });
    } else if (first.type === AST_NODE_TYPES.Identifier) {
      error = first.name;
    } else {
      return skip('error-listener');
    }
    edits.push(...prependStatement(listener, (at) => retryStatement(error, at), lineStartIndent, text, style));
    return edits;
  }
  const handler = skipTransparentWrappers(listener);
  if (handler.type !== AST_NODE_TYPES.Identifier && handler.type !== AST_NODE_TYPES.MemberExpression) {
    return skip('error-listener');
  }
  const error = context.chooser.choose(NAME_CANDIDATES.error, identifierNames(handler));
  const handlerText = text.slice(listener.range[0], listener.range[1]);
  // In ECMAScript 5 the wrapper is a function expression, whose `this` is the request, not the code's.
  if (style.es5 && lexicalBindingsUsed([handler]).size > 0) skip('error-listener');
  // A listener is called with the request as `this`; keep that unless the handler certainly does not use it.
  const call =
    handler.type === AST_NODE_TYPES.Identifier && ignoresThis(handler, context.values)
      ? `${handlerText}(${error})`
      : `${handlerText}.call(${requestName}, ${error})`;
  const body = `${lineStartIndent}${unit}`;
  return [
    {
      range: [listener.range[0], listener.range[1]],
      text: `${style.es5 ? `function (${error})` : `(${error}) =>`} {${eol}${body}${retryStatement(error, body)}${eol}${body}${call}${semi}${eol}${lineStartIndent}}`,
    },
  ];
}

/** The first `character` at or after `from` that is not inside a comment. */
function indexOutsideComments(text: string, character: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    if (text.startsWith('/*', index)) index = text.indexOf('*/', index + 2) + 1;
    else if (text.startsWith('//', index)) index = text.indexOf('\n', index);
    else if (text[index] === character) return index;
    if (index <= 0) return -1;
  }
  return -1;
}

/** Inserts `statement` as the first statement of a function's body, turning an expression body into a block. */
function prependStatement(fn: FunctionNode, statement: (at: string) => string, indent: string, text: string, style: CodeStyle): TextEdit[] {
  const { eol, indent: unit } = style;
  const semi = style.semicolons ? ';' : '';
  const body = fn.body;
  const inner = `${indent}${unit}`;
  if (body.type !== AST_NODE_TYPES.BlockStatement) {
    // Around the expression, not a copy of it: its text (a template literal's lines) stays as it is.
    const arrow = text.lastIndexOf('=>', body.range[0]);
    const start = arrow + 2 + (/^\s*/.exec(text.slice(arrow + 2))?.[0].length ?? 0);
    return [
      { range: [arrow + 2, start], text: ` {${eol}${inner}${statement(inner)}${eol}${inner}` },
      { range: [fn.range[1], fn.range[1]], text: `${semi}${eol}${indent}}` },
    ];
  }
  const [firstStatement] = body.body;
  const lastStatement = body.body.at(-1);
  if (!firstStatement || !lastStatement) {
    return [{ range: [body.range[0], body.range[1]], text: `{${eol}${inner}${statement(inner)}${eol}${indent}}` }];
  }
  if (!sameLine(text, body.range[0], firstStatement.range[0])) {
    const firstIndent = lineIndent(text, firstStatement.range[0]);
    return [{ range: [firstStatement.range[0], firstStatement.range[0]], text: `${statement(firstIndent)}${eol}${firstIndent}` }];
  }
  // `{ reject(err); }` on one line: open it up, keeping any comment beside the statements.
  const before = text.slice(body.range[0] + 1, firstStatement.range[0]).trim();
  const edits: TextEdit[] = [
    { range: [body.range[0] + 1, firstStatement.range[0]], text: `${eol}${inner}${statement(inner)}${eol}${inner}${before === '' ? '' : `${before} `}` },
  ];
  if (sameLine(text, lastStatement.range[1], body.range[1] - 1)) {
    const after = text.slice(lastStatement.range[1], body.range[1] - 1).trimEnd();
    edits.push({ range: [lastStatement.range[1], body.range[1] - 1], text: `${after}${eol}${indent}` });
  }
  return edits;
}

/**
 * Whether the function an identifier names certainly ignores `this`: every
 * function it may be is an arrow or does not use `this`, or it is the
 * `resolve`/`reject` of a promise executor.
 */
function ignoresThis(identifier: TSESTree.Identifier, values: ValueResolver): boolean {
  const definition = values.variableOf(identifier)?.defs[0];
  if (definition?.type === 'Parameter' && isPromiseExecutor(definition.node)) return true;
  const resolved = values.resolve(identifier);
  return (
    resolved.length > 0 &&
    resolved.every(
      (value) =>
        value.kind === 'function' &&
        (value.node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
          !ownNodes(value.node.body).some((node) => node.type === AST_NODE_TYPES.ThisExpression)),
    )
  );
}
