import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { isFunction, memberPropertyName, skipTransparentWrappers } from './ast/predicates.js';
import type { ValueResolver } from './values/resolver.js';

export type RequestNode = TSESTree.CallExpression | TSESTree.NewExpression;

/** Names whose value is a URL, when it cannot be seen: `url`, `this.baseUrl`, `targetURI`, `href`. */
const URL_NAME = /(?:^|[a-z_])(?:url|uri|href)$/i;

/** Names whose value is a response callback, when it cannot be seen: `cb`, `callback`, `done`, `onResponse`. */
const CALLBACK_NAME = /^(?:cb|callback|done|next|handler|listener|on[A-Z]\w*)$|(?:Callback|Handler|Listener)$/;

/**
 * The options argument of `(url)`, `(url, options)`, `(options)`, each with
 * or without a callback: the node, `null` when there are none, or
 * `'unknown'` when the arguments cannot be told apart.
 */
export function requestOptions(node: RequestNode, values: ValueResolver): TSESTree.Node | null | 'unknown' {
  const args = node.arguments;
  if (args.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
  const [first, second] = args;
  if (!first) return null;
  const firstValues = values.resolve(first);
  if (firstValues.some((value) => value.kind === 'object')) return first;
  const secondValues = second ? values.resolve(second) : [];
  const firstIsUrl =
    firstValues.every((value) => value.kind === 'string') ||
    looksLikeUrl(first) ||
    secondValues.some((value) => value.kind === 'object');
  if (!firstIsUrl) return 'unknown';
  if (!second || secondValues.every((value) => value.kind === 'function') || isNamedLike(second, CALLBACK_NAME)) return null;
  return second;
}

/** A value that may be a function: one, one that resolves to one, or, unseen, one named like a callback (`cb`, `done`, `onFinish`). */
export function mayBeFunction(node: TSESTree.Node, values: ValueResolver): boolean {
  return isFunction(node) || isNamedLike(node, CALLBACK_NAME) || values.resolve(node).some((value) => value.kind === 'function');
}

function looksLikeUrl(node: TSESTree.Node): boolean {
  return isNamedLike(node, URL_NAME);
}

/** An identifier, or a member's property, whose name matches `pattern`. */
function isNamedLike(node: TSESTree.Node, pattern: RegExp): boolean {
  const inner = skipTransparentWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return pattern.test(inner.name);
  if (inner.type === AST_NODE_TYPES.MemberExpression) return pattern.test(memberPropertyName(inner) ?? '');
  return false;
}

