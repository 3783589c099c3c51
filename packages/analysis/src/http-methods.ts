import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { staticKeyName, staticLiteralValue } from './ast/predicates.js';
import type { ChainStep } from './request-chain.js';
import type { ValueResolver } from './values/resolver.js';

/** Methods that RFC 9110 §9.2.2 calls idempotent: sending them twice has the effect of sending them once. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** Headers that make a non-idempotent request safe to send again (the server deduplicates by key). */
export const IDEMPOTENCY_KEY_HEADERS: ReadonlySet<string> = new Set(['idempotency-key', 'x-idempotency-key']);

/**
 * Whether sending the request again is safe by its method: some method it
 * may use is idempotent, or an Idempotency-Key header may be set (in its
 * options, or by `req.setHeader(…)` among `calls`, the calls on the request).
 */
export function isIdempotentRequest(options: TSESTree.Node | null | 'unknown', calls: readonly ChainStep[], values: ValueResolver): boolean {
  const methods = requestMethods(options, values);
  if (!methods || [...methods].some((method) => IDEMPOTENT_METHODS.has(method))) return true;
  return mayHaveIdempotencyKey(options, calls, values);
}

/** Every method the request may use, or `undefined` when one of them cannot be known. */
export function requestMethods(options: TSESTree.Node | null | 'unknown', values: ValueResolver): Set<string> | undefined {
  if (options === 'unknown') return undefined;
  if (options === null) return new Set(['GET']);
  const lookup = values.lookupProperty(options, 'method');
  const methods = new Set<string>(lookup.mayBeAbsent ? ['GET'] : []);
  for (const value of lookup.values) {
    if (value.kind !== 'string' || value.value === undefined) return undefined;
    methods.add(value.value.toUpperCase());
  }
  return methods;
}

function mayHaveIdempotencyKey(options: TSESTree.Node | null | 'unknown', calls: readonly ChainStep[], values: ValueResolver): boolean {
  if (options && options !== 'unknown') {
    const headers = values.lookupProperty(options, 'headers');
    for (const value of headers.values) {
      if (value.kind !== 'object') return true;
      for (const property of value.node.properties) {
        if (property.type !== AST_NODE_TYPES.Property) return true;
        const key = staticKeyName(property.key, property.computed);
        if (key === undefined || IDEMPOTENCY_KEY_HEADERS.has(key.toLowerCase())) return true;
      }
    }
  }
  // req.setHeader('Idempotency-Key', ...)
  return calls.some(({ method, call }) => {
    if (method !== 'setHeader') return false;
    const [name] = call.arguments;
    const header = name ? staticLiteralValue(name) : undefined;
    return typeof header !== 'string' || IDEMPOTENCY_KEY_HEADERS.has(header.toLowerCase());
  });
}
