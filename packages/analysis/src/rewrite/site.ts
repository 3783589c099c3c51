import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { NAME_CANDIDATES, type NameChooser } from './names.js';
import { skip } from './reasons.js';
import { calleeName } from '../ast/callee.js';
import { contains, insideLoop, isFunction, isLoop, outermostWrapper, skipTransparentWrappers } from '../ast/predicates.js';
import type { HostVariable } from '../host.js';
import type { RequestNode } from '../request-arguments.js';
import { type ChainStep, type ListenerRegistration, followRequestChain, resolveEvents } from '../request-chain.js';
import type { ValueResolver } from '../values/resolver.js';

/**
 * Which statements move into `send`: the request's own statement and the
 * statements after it that call methods on it, nothing else.
 */
export interface Site {
  readonly statements: readonly TSESTree.Statement[];
  /** The request's own statement: `const req = ...;` or `http.get(...);`. */
  readonly statement: TSESTree.Statement;
  /** The variable holding the request; `undefined` for a bare expression statement. */
  readonly variable: HostVariable | undefined;
  /** What to call the request in the code we write. */
  readonly requestName: string;
  /** Every method call made on the request by the moved statements, in source order. */
  readonly calls: readonly ChainStep[];
  /** The listeners added by the moved statements, each `event` resolved where it can be (see `resolveEvents`). */
  readonly registrations: readonly ListenerRegistration[];
  /** Tests of `if (body) req.end(body); else req.end();`: each attempt must take the branch the first took. */
  readonly conditions: readonly TSESTree.Expression[];
}

/** What a statement may do with the request and still be moved: build it, listen to it, send its body. */
const STATEMENT_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'off',
  'removeListener',
  'removeAllListeners',
  'setTimeout',
  'setNoDelay',
  'setSocketKeepAlive',
  'setHeader',
  'removeHeader',
  'flushHeaders',
  'write',
  'end',
]);

/** Array methods that call their callback synchronously, once per element: a loop by another name. */
const ITERATION_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find']);

export function findSite(request: RequestNode, values: ValueResolver, names: NameChooser): Site {
  const chain = followRequestChain(request);
  if (chain.stoppedAt) skip('chain');
  const outer = outermostWrapper(chain.end);
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) {
    if (!statementList(parent)) skip('not-a-statement');
    return {
      statements: [parent],
      statement: parent,
      variable: undefined,
      requestName: names.choose(NAME_CANDIDATES.request),
      calls: chain.steps,
      registrations: resolveEvents(chain.listeners, values),
      conditions: [],
    };
  }
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression) skip('not-a-statement');
  if (
    parent?.type !== AST_NODE_TYPES.VariableDeclarator ||
    parent.init !== outer ||
    parent.id.type !== AST_NODE_TYPES.Identifier ||
    parent.parent.declarations.length !== 1
  ) {
    return skip('escapes');
  }
  const declaration = parent.parent;
  const list = statementList(declaration) ?? skip('not-a-statement');
  // `var req` in a loop is one variable for every iteration: callbacks of one request read another's.
  if (declaration.kind === 'var' && insideLoop(declaration, isFunction)) skip('escapes');
  const variable = values.variableOf(parent.id) ?? skip('escapes');
  const start = list.indexOf(declaration);
  let end = start;
  const calls = [...chain.steps];
  const registrations = [...chain.listeners];
  const callbacks = new Set<TSESTree.Node>([request, ...chain.steps.map((step) => step.call)]);
  const conditions: TSESTree.Expression[] = [];
  const references = variable.references
    .filter((reference) => reference.identifier !== parent.id)
    .sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
  for (const reference of references) {
    if (reference.isWrite()) skip('escapes');
    const index = list.findIndex((statement) => contains(statement, reference.identifier));
    if (index < start) skip('escapes');
    end = Math.max(end, index);
    const statement = list[index] as TSESTree.Statement;
    if (insideCallbackOf(reference.identifier, statement, callbacks)) continue;
    // `req.end(JSON.stringify({ to: req.path }))`: a value computed from the request cannot be computed before it.
    if (insideArgumentOf(reference.identifier, statement, callbacks)) skip('late-body');
    const steps = statementChain(reference.identifier, conditionalBranch(reference.identifier, statement, conditions));
    calls.push(...steps);
    for (const step of steps) callbacks.add(step.call);
    registrations.push(...followRequestChain(reference.identifier).listeners);
  }
  const statements = list.slice(start, end + 1);
  for (const statement of statements.slice(1)) {
    if (!references.some((reference) => contains(statement, reference.identifier))) skip('interleaved');
  }
  return {
    statements,
    statement: declaration,
    variable,
    requestName: parent.id.name,
    calls,
    registrations: resolveEvents(registrations, values),
    conditions,
  };
}

/**
 * The list a statement sits in (a block, the program, a case), or
 * `undefined`: only there can statements be wrapped in a function.
 */
function statementList(statement: TSESTree.Node): TSESTree.Statement[] | undefined {
  const parent = statement.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
      return parent.body as TSESTree.Statement[];
    case AST_NODE_TYPES.SwitchCase:
      return parent.consequent;
    default:
      return undefined;
  }
}

/**
 * Whether a use of the request sits in a function given to the request or
 * to one of its calls (a listener, the response callback): it then runs for
 * that attempt and refers to it, as before.
 */
function insideCallbackOf(identifier: TSESTree.Node, statement: TSESTree.Node, calls: ReadonlySet<TSESTree.Node>): boolean {
  for (let current = identifier.parent; current && current !== statement; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = outermostWrapper(current).parent;
    if (call && calls.has(call)) return true;
  }
  return false;
}

function insideArgumentOf(identifier: TSESTree.Node, statement: TSESTree.Node, calls: ReadonlySet<TSESTree.Node>): boolean {
  for (let current: TSESTree.Node = identifier; current.parent && current !== statement; current = current.parent) {
    const parent = current.parent;
    if (calls.has(parent) && parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      return true;
    }
  }
  return false;
}

/**
 * `if (body) req.end(body); else req.end();`: the branch holding the use,
 * when the statement is an `if` whose branches are calls on the request (or
 * blocks of them). Its test is kept, to be checked by the evaluation (a
 * retry must take the same branch). Otherwise the statement itself.
 */
function conditionalBranch(identifier: TSESTree.Node, statement: TSESTree.Statement, conditions: TSESTree.Expression[]): TSESTree.Statement {
  if (statement.type !== AST_NODE_TYPES.IfStatement || contains(statement.test, identifier)) return statement;
  const branches = [statement.consequent, statement.alternate].flatMap((branch) => {
    if (!branch) return [];
    return branch.type === AST_NODE_TYPES.BlockStatement ? branch.body : [branch];
  });
  const branch = branches.find((candidate) => contains(candidate, identifier));
  // Every statement of both branches is a call on the request: nothing else would run again.
  const name = identifier.type === AST_NODE_TYPES.Identifier ? identifier.name : undefined;
  if (!branch || !branches.every((candidate) => candidate.type === AST_NODE_TYPES.ExpressionStatement && chainHead(candidate.expression) === name)) {
    return statement;
  }
  if (!conditions.includes(statement.test)) conditions.push(statement.test);
  return branch;
}

/**
 * A statement that uses the request must be a plain chain of calls on it
 * (`req.setHeader(...).end(body);`); anything else would run again, or
 * differently, on a retry. Returns the chain's calls, or skips with the
 * reason that names what the statement does.
 */
function statementChain(identifier: TSESTree.Node, statement: TSESTree.Statement): readonly ChainStep[] {
  const chain = followRequestChain(identifier);
  const last = chain.steps.at(-1);
  if (
    statement.type === AST_NODE_TYPES.ExpressionStatement &&
    last &&
    outermostWrapper(last.call) === statement.expression &&
    chain.steps.every((step) => STATEMENT_METHODS.has(step.method))
  ) {
    return chain.steps;
  }
  return skip(whyNotAChain(identifier, statement));
}

/** The reason a use of the request is not a chain of calls on it, by what it is inside. */
function whyNotAChain(identifier: TSESTree.Node, statement: TSESTree.Statement) {
  const method = followRequestChain(identifier).steps[0]?.method;
  const writesBody = method === 'write' || method === 'end';
  const outer = outermostWrapper(identifier);
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(outer as TSESTree.CallExpressionArgument)) {
    const name = calleeName(parent.callee);
    if (name === 'pipe' || name === 'pipeline') return 'streamed-body';
  }
  // The request itself handed on (stored, passed, returned), not a method called on it.
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== outer) return 'escapes';
  for (let current = identifier.parent; current && current !== statement.parent; current = current.parent) {
    if (isFunction(current)) {
      const around = outermostWrapper(current).parent;
      const iterates = around?.type === AST_NODE_TYPES.CallExpression && ITERATION_METHODS.has(calleeName(around.callee) ?? '');
      if (writesBody) return iterates ? 'body-in-loop' : 'streamed-body';
      return 'used-by-other-code';
    }
    if (writesBody && isLoop(current)) return 'body-in-loop';
  }
  return 'used-by-other-code';
}

/** `req` of `req.setHeader(...).end(body)`: the name the chain of calls starts from. */
function chainHead(expression: TSESTree.Node): string | undefined {
  let current = skipTransparentWrappers(expression);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTransparentWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    current = skipTransparentWrappers(callee.object);
  }
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}
