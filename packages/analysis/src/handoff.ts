import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { type FunctionNode, isClass, isFunction, isPromiseExecutor, memberPropertyName, outermostWrapper, skipTransparentWrappers, staticKeyName } from './ast/predicates.js';
import { calleePath } from './ast/callee.js';
import { descendants } from './ast/walk.js';
import type { ValueResolver } from './values/resolver.js';

/**
 * Where a request's error goes when the code that gets it does not decide on
 * it: to a callback the function was given (`req.on('error', cb)`), or to a
 * promise (`req.on('error', reject)` in a `new Promise`, a promise the
 * function returns or awaits). The callers that get it are then the ones
 * that may resend (`guards.ts` asks them).
 */
export type Handoff =
  /** Argument `index` of each call of `fn`. */
  | { readonly kind: 'callback'; readonly fn: FunctionNode; readonly index: number }
  /** The rejection of this promise-valued expression. */
  | { readonly kind: 'promise'; readonly promise: TSESTree.Node }
  /** The rejection of the promise each call of `fn` returns. */
  | { readonly kind: 'returned'; readonly fn: FunctionNode };

/**
 * Where an error handler hands the error on unchanged: the handler is a
 * callback parameter itself (`cb`, `reject`), or a function whose error
 * parameter it passes as the first argument to one (`(err) => cb(err)`).
 * An error wrapped in another (`cb(new Error(err.message))`) loses its code
 * and is not followed.
 */
export function errorHandoff(handler: TSESTree.Node, values: ValueResolver): Handoff | undefined {
  const inner = skipTransparentWrappers(handler);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const handoff = parameterHandoff(inner, values);
    if (handoff) return handoff;
  }
  const functions = values.resolve(handler);
  if (functions.length !== 1 || functions[0]?.kind !== 'function') return undefined;
  const fn = functions[0].node;
  const error = fn.params[0];
  if (error?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const errorVariable = values.variableOf(error);
  for (const node of descendants(fn.body)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const first = sameErrorObject(node.arguments[0]);
    if (first?.type !== AST_NODE_TYPES.Identifier || errorVariable === null || values.variableOf(first) !== errorVariable) continue;
    const callee = skipTransparentWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const handoff = parameterHandoff(callee, values);
      if (handoff) return handoff;
    }
  }
  return undefined;
}

/** `err`, or `Object.assign(err, { url })`, which is `err` with more properties (its code kept). */
function sameErrorObject(argument: TSESTree.Node | undefined): TSESTree.Node | undefined {
  const inner = argument && skipTransparentWrappers(argument);
  if (inner?.type === AST_NODE_TYPES.CallExpression && calleePath(inner.callee).join('.') === 'Object.assign') return inner.arguments[0];
  return inner;
}

/** A parameter called with the error: argument `index` of the function's callers, or a promise executor's `reject`. */
function parameterHandoff(identifier: TSESTree.Identifier, values: ValueResolver): Handoff | undefined {
  const definition = values.variableOf(identifier)?.defs[0];
  if (definition?.type !== 'Parameter' || !isFunction(definition.node)) return undefined;
  const fn = definition.node;
  const index = fn.params.findIndex(
    (parameter) => parameter === definition.name || (parameter.type === AST_NODE_TYPES.AssignmentPattern && parameter.left === definition.name),
  );
  if (index < 0) return undefined;
  if (isPromiseExecutor(fn)) {
    return index === 1 ? { kind: 'promise', promise: outermostWrapper(fn).parent as TSESTree.NewExpression } : undefined;
  }
  return { kind: 'callback', fn, index };
}

/**
 * The function whose returned promise rejects with this promise's rejection:
 * it is returned (`return new Promise(…)`, an arrow's body) or awaited by an
 * `async` function outside any `try` (the error leaves through its promise).
 */
export function promiseHandoff(promise: TSESTree.Node): Handoff | undefined {
  const outer = outermostWrapper(promise);
  const parent = outer.parent;
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === outer) return { kind: 'returned', fn: parent };
  if (parent.type === AST_NODE_TYPES.ReturnStatement || parent.type === AST_NODE_TYPES.AwaitExpression) {
    for (let child: TSESTree.Node = parent, node: TSESTree.Node | undefined = parent.parent; node; child = node, node = node.parent) {
      if (isFunction(node)) {
        return parent.type === AST_NODE_TYPES.ReturnStatement || node.async ? { kind: 'returned', fn: node } : undefined;
      }
      // An `await` in a `try` with a `catch`: the catch decides, and it did not guard.
      if (parent.type === AST_NODE_TYPES.AwaitExpression && node.type === AST_NODE_TYPES.TryStatement && node.block === child && node.handler) {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Every call of a function, when the code shows all of them: a function
 * declared by name or held in a `const`, read only as the callee of calls (in
 * this file; when it is exported, also in the program's other modules, with
 * type information); or a method kept to its class or prototype (`#send`,
 * `_send`, TypeScript `private`) called only as `this._send(…)`. `undefined`
 * when the function may be called from code that is not seen (exported
 * without type information, passed as a value, a public method).
 */
export function callsOf(fn: FunctionNode, values: ValueResolver): TSESTree.CallExpression[] | undefined {
  const outer = outermostWrapper(fn);
  const holder = outer.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return callsOfBinding(fn.id, exportedBy(fn), values);
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === outer && holder.id.type === AST_NODE_TYPES.Identifier) {
    const declaration = holder.parent;
    return declaration.kind === 'const' ? callsOfBinding(holder.id, exportedBy(declaration), values) : undefined;
  }
  const name = privateMethodName(fn);
  return name === undefined ? undefined : callsOfMethod(fn, name);
}

/** `export function f`, `export const f = …` (`named`); `export default function f` (`default`). */
function exportedBy(declaration: TSESTree.Node): 'named' | 'default' | undefined {
  const parent = declaration.parent;
  if (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return 'named';
  return parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration ? 'default' : undefined;
}

/**
 * The calls through a binding: those of the file, and, when it is exported
 * (by its declaration or `export { f }`), those of the program's other
 * modules, which only type information can give.
 */
function callsOfBinding(binding: TSESTree.Identifier, exported: 'named' | 'default' | undefined, values: ValueResolver): TSESTree.CallExpression[] | undefined {
  const variable = values.variableOf(binding);
  if (!variable || exported === 'default') return undefined;
  const calls: TSESTree.CallExpression[] = [];
  let exportedByName = exported === 'named';
  for (const reference of variable.references) {
    if (reference.init) continue;
    const read = outermostWrapper(reference.identifier);
    const call = read.parent;
    if (call?.type === AST_NODE_TYPES.ExportSpecifier && call.local === read && staticKeyName(call.exported, false) !== 'default') {
      exportedByName = true;
      continue;
    }
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== read) return undefined;
    calls.push(call);
  }
  if (!exportedByName) return calls;
  const elsewhere = values.callsInOtherModules(binding);
  return elsewhere && [...calls, ...elsewhere];
}

/** `#send() {}`, `_send() {}`, `private send() {}` in a class, or `Client.prototype._send = function …`. */
function privateMethodName(fn: FunctionNode): string | undefined {
  const holder = outermostWrapper(fn).parent;
  if (holder?.type === AST_NODE_TYPES.MethodDefinition && holder.value === fn && holder.kind === 'method' && !holder.static) {
    const name = staticKeyName(holder.key, holder.computed);
    return name !== undefined && (name.startsWith('#') || name.startsWith('_') || holder.accessibility === 'private') ? name : undefined;
  }
  if (
    holder?.type === AST_NODE_TYPES.AssignmentExpression &&
    holder.left.type === AST_NODE_TYPES.MemberExpression &&
    holder.left.object.type === AST_NODE_TYPES.MemberExpression &&
    memberPropertyName(holder.left.object) === 'prototype'
  ) {
    const name = memberPropertyName(holder.left);
    return name?.startsWith('_') ? name : undefined;
  }
  return undefined;
}

/** Calls `this.<name>(…)` (or `self.<name>(…)` and the like) in the file; `undefined` if `.<name>` is read any other way. */
function callsOfMethod(fn: FunctionNode, name: string): TSESTree.CallExpression[] | undefined {
  let root: TSESTree.Node = fn;
  while (root.parent) root = root.parent;
  const definition = outermostWrapper(fn).parent;
  const calls: TSESTree.CallExpression[] = [];
  for (const node of descendants(root)) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node === (definition as TSESTree.AssignmentExpression | undefined)?.left) continue;
    if (memberPropertyName(node) !== name) continue;
    const read = outermostWrapper(node);
    const call = read.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== read) return undefined;
    calls.push(call);
  }
  // A class method's calls must come from inside its class (another class may have a method of that name).
  const owner = definition?.type === AST_NODE_TYPES.MethodDefinition ? definition.parent.parent : undefined;
  if (owner && isClass(owner) && calls.some((call) => call.range[0] < owner.range[0] || owner.range[1] < call.range[1])) return undefined;
  return calls;
}
