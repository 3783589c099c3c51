import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { skip } from './reasons.js';
import type { Site } from './site.js';
import { isFunction, isLoop, memberPropertyName, skipTransparentWrappers } from '../ast/predicates.js';
import { ownNodes } from '../ast/walk.js';
import { isIdempotentRequest, requestMethods } from '../http-methods.js';
import { mayBeFunction } from '../request-arguments.js';
import { LISTENER_METHODS } from '../request-chain.js';
import type { ValueResolver } from '../values/resolver.js';

/**
 * The checks a site must pass before it is wrapped in a retry, each with the
 * reason it skips for. `options` is the request's options argument (see
 * `requestOptions`).
 */
export function checkReplayable(site: Site, options: TSESTree.Node | null | 'unknown', values: ValueResolver): void {
  // First, so that the rule can say "not idempotent" (its own message) whatever else would stop the rewrite.
  checkIdempotency(site, options, values);
  checkControlFlow(site);
  checkListeners(site, values);
}

/** `return`, `await`, `yield`, `break`, `continue` would mean something else inside `send`. */
function checkControlFlow(site: Site): void {
  for (const statement of site.statements) {
    for (const node of ownNodes(statement)) {
      if (
        node.type === AST_NODE_TYPES.ReturnStatement ||
        node.type === AST_NODE_TYPES.AwaitExpression ||
        node.type === AST_NODE_TYPES.YieldExpression ||
        (node.type === AST_NODE_TYPES.ForOfStatement && node.await) ||
        ((node.type === AST_NODE_TYPES.BreakStatement || node.type === AST_NODE_TYPES.ContinueStatement) &&
          !insideLoopWithin(node, statement))
      ) {
        skip('control-flow');
      }
    }
  }
}

/** Events whose listeners run only once an attempt's outcome is known, or only when our own code ends it. */
const EVENTS_AFTER_OUTCOME: ReadonlySet<unknown> = new Set(['error', 'response', 'abort']);

/**
 * User code must never run more often than before. Node 20 fires, on a reset
 * after the body was sent: 'socket', 'finish', the end callback, then
 * 'error', then 'close'. Listeners of events after the outcome run only for
 * the attempt that is not retried; anything that can run before it is a skip.
 */
function checkListeners(site: Site, values: ValueResolver): void {
  for (const registration of site.registrations) {
    const { event, listener } = registration;
    if (event === 'upgrade' || event === 'connect') skip('upgrade');
    if (event === 'socket') skip('socket-listener');
    if (event === 'close') skip('close-listener');
    if (event === 'timeout') checkTimeoutListener(listener, site);
    else if (!EVENTS_AFTER_OUTCOME.has(event)) skip('runs-before-outcome');
  }
  for (const { method, call } of site.calls) {
    if (method === 'setTimeout' && call.arguments[1]) checkTimeoutListener(call.arguments[1], site);
    if ((method === 'write' || method === 'end') && call.arguments.some((argument) => mayBeFunction(argument, values))) {
      skip('runs-before-outcome');
    }
    // A listener added or removed for an event whose name cannot be known: what runs when cannot be told.
    if (LISTENER_METHODS.has(method) && typeof site.registrations.find((registration) => registration.call === call)?.event !== 'string') {
      skip('runs-before-outcome');
    }
  }
}

/**
 * A 'timeout' fires while the attempt is still open. A listener that
 * destroys the request makes the attempt's outcome final (a destroyed
 * request is never retried); one that does not could run for an attempt
 * that is then retried.
 */
function checkTimeoutListener(listener: TSESTree.Node, site: Site): void {
  if (!isFunction(listener)) return skip('timeout-listener');
  const body = listener.body;
  const statements = body.type === AST_NODE_TYPES.BlockStatement ? body.body.map((statement) => statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement) : [body];
  const destroys = statements.some((expression) => {
    const call = skipTransparentWrappers(expression);
    if (call.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = memberPropertyName(callee);
    if (method !== 'destroy' && method !== 'abort') return false;
    const object = skipTransparentWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return listener.type !== AST_NODE_TYPES.ArrowFunctionExpression;
    return object.type === AST_NODE_TYPES.Identifier && object.name === site.requestName;
  });
  if (!destroys) skip('timeout-listener');
}

/** A request that is certainly POST/PATCH/... without an idempotency key is not replayed; CONNECT opens a tunnel. */
function checkIdempotency(site: Site, options: TSESTree.Node | null | 'unknown', values: ValueResolver): void {
  if (requestMethods(options, values)?.has('CONNECT')) skip('upgrade');
  // An Idempotency-Key set by a call among the moved statements counts; the finding's `idempotent` reads every call on the request.
  if (!isIdempotentRequest(options, site.calls, values)) skip('non-idempotent');
}

/** A break/continue whose loop (or switch) is itself inside `statement`. */
function insideLoopWithin(node: TSESTree.BreakStatement | TSESTree.ContinueStatement, statement: TSESTree.Node): boolean {
  if (node.label) return false;
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== statement; current = current.parent) {
    if (isLoop(current)) return true;
    if (current.type === AST_NODE_TYPES.SwitchStatement && node.type === AST_NODE_TYPES.BreakStatement) return true;
  }
  return false;
}
