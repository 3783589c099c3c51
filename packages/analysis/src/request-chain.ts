import type { TSESTree } from '@typescript-eslint/types';
import { methodCallOn, staticLiteralValue } from './ast.js';

/** EventEmitter methods that add a listener: `(event, listener)`. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
]);

/** ClientRequest methods that return the request itself, so a chain goes on with it. */
const METHODS_RETURNING_REQUEST: ReadonlySet<string> = new Set([
  ...LISTENER_METHODS,
  'off',
  'removeListener',
  'removeAllListeners',
  'setTimeout',
  'setNoDelay',
  'setSocketKeepAlive',
  'setHeader',
  'end',
]);

export interface ListenerRegistration {
  readonly event: unknown;
  readonly listener: TSESTree.Node;
  readonly call: TSESTree.CallExpression;
}

export interface RequestChain {
  /** The last expression of the chain that is still the request. */
  readonly end: TSESTree.Node;
  readonly listeners: readonly ListenerRegistration[];
  /** The method call that ended the chain without returning the request (`.write()`), if any. */
  readonly stoppedAt?: { readonly method: string; readonly call: TSESTree.CallExpression };
}

/** Follows `req.on('error', h).setTimeout(5000).end()` upwards from `start`. */
export function followRequestChain(start: TSESTree.Node): RequestChain {
  const listeners: ListenerRegistration[] = [];
  let current = start;
  for (let step = methodCallOn(current); step; step = methodCallOn(current)) {
    const { method, call } = step;
    if (LISTENER_METHODS.has(method)) {
      const [event, listener] = call.arguments;
      if (event && listener) listeners.push({ event: staticLiteralValue(event), listener, call });
    }
    if (!METHODS_RETURNING_REQUEST.has(method)) return { end: current, listeners, stoppedAt: step };
    current = call;
  }
  return { end: current, listeners };
}
