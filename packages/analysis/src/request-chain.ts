import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { methodCallOn } from './ast/chains.js';
import { outermostWrapper, staticLiteralValue } from './ast/predicates.js';
import type { HostVariable } from './host.js';
import type { ValueResolver } from './values/resolver.js';

/** EventEmitter methods that add a listener: `(event, listener)`. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
]);

/**
 * ClientRequest methods that return the request itself in every supported
 * Node version (`lib/_http_client.js`, `lib/_http_outgoing.js`, EventEmitter),
 * so a chain goes on with it. Not `setNoDelay`, `setSocketKeepAlive`,
 * `removeHeader`, `flushHeaders` or `abort` (they return `undefined`), nor
 * `write` (a boolean).
 */
const METHODS_RETURNING_REQUEST: ReadonlySet<string> = new Set([
  ...LISTENER_METHODS,
  'off',
  'removeListener',
  'removeAllListeners',
  'setTimeout',
  'setHeader',
  'end',
]);

export interface ChainStep {
  readonly method: string;
  readonly call: TSESTree.CallExpression;
}

export interface ListenerRegistration {
  readonly event: unknown;
  readonly listener: TSESTree.Node;
  readonly call: TSESTree.CallExpression;
}

export interface RequestChain {
  /** The last expression of the chain that is still the request. */
  readonly end: TSESTree.Node;
  readonly listeners: readonly ListenerRegistration[];
  /** Every method call of the chain, in order, the one that ended it included. */
  readonly steps: readonly ChainStep[];
  /** The method call that ended the chain without returning the request (`.write()`), if any. */
  readonly stoppedAt?: ChainStep;
}

/** Follows `req.on('error', h).setTimeout(5000).end()` upwards from `start`. */
export function followRequestChain(start: TSESTree.Node): RequestChain {
  const listeners: ListenerRegistration[] = [];
  const steps: ChainStep[] = [];
  let current = start;
  for (let step = methodCallOn(current); step; step = methodCallOn(current)) {
    const { method, call } = step;
    steps.push(step);
    if (LISTENER_METHODS.has(method)) {
      const [event, listener] = call.arguments;
      if (event && listener) listeners.push({ event: staticLiteralValue(event), listener, call });
    }
    if (!METHODS_RETURNING_REQUEST.has(method)) return { end: current, listeners, steps, stoppedAt: step };
    current = call;
  }
  return { end: current, listeners, steps };
}

/** Each listener's event as a string where it can be known: a literal, or a constant that holds one (`req.on(ERROR, ...)`). */
export function resolveEvents(registrations: readonly ListenerRegistration[], values: ValueResolver): ListenerRegistration[] {
  return registrations.map((registration) => {
    if (typeof registration.event === 'string') return registration;
    const [argument] = registration.call.arguments;
    const found = argument ? values.resolve(argument) : [];
    const [only] = found;
    return found.length === 1 && only?.kind === 'string' && only.value !== undefined ? { ...registration, event: only.value } : registration;
  });
}

/**
 * The chains of calls made on a request: on the call itself, and on each read
 * of the variable it is stored in (`const req = <request>`, `req = <request>`).
 */
export function requestChains(request: TSESTree.CallExpression | TSESTree.NewExpression, values: ValueResolver): RequestChain[] {
  const chain = followRequestChain(request);
  const chains = [chain];
  const holder = holdingVariable(chain.end, values);
  for (const reference of holder?.references ?? []) {
    if (reference.isRead()) chains.push(followRequestChain(reference.identifier));
  }
  return chains;
}

/** The variable `expression` is stored in: `const req = <expression>` or `req = <expression>`. */
function holdingVariable(expression: TSESTree.Node, values: ValueResolver): HostVariable | null {
  const outer = outermostWrapper(expression);
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier) {
    return values.variableOf(parent.id);
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === outer && parent.left.type === AST_NODE_TYPES.Identifier) {
    return values.variableOf(parent.left);
  }
  return null;
}
