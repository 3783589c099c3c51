import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { memberPropertyName, outermostWrapper } from './predicates.js';

/** Method-call chains: `a.b(x).c(y)`, read from either end. */

/** `x.method(...)` where the call's callee is `member`; returns the call. */
function callOfMethod(member: TSESTree.Node): TSESTree.CallExpression | undefined {
  const outer = outermostWrapper(member);
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === outer) return parent;
  return undefined;
}

/**
 * If `node` is the object of a method call (`node.method(...)`), that member
 * expression's method name and the call.
 */
export function methodCallOn(
  node: TSESTree.Node,
): { readonly method: string; readonly call: TSESTree.CallExpression } | undefined {
  const outer = outermostWrapper(node);
  const member = outer.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== outer) return undefined;
  const method = memberPropertyName(member);
  const call = callOfMethod(member);
  if (method === undefined || call === undefined) return undefined;
  return { method, call };
}

/** The calls chained on `node` and below it: `a.b(x).c(y)` from `a.b(x)` gives `a.b(x)`, `.c(y)`. */
export function* chainCalls(node: TSESTree.Node): Generator<TSESTree.CallExpression> {
  let inner: TSESTree.Node = node;
  while (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) {
    yield inner;
    inner = inner.callee.object;
  }
  for (let step = methodCallOn(node); step; step = methodCallOn(step.call)) yield step.call;
}

/** `request` of `request.get(url).agent(a)`. */
export function chainRoot(call: TSESTree.CallExpression): TSESTree.Node {
  let inner: TSESTree.Node = call;
  while (
    (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression) ||
    inner.type === AST_NODE_TYPES.MemberExpression
  ) {
    inner = inner.type === AST_NODE_TYPES.CallExpression ? (inner.callee as TSESTree.MemberExpression).object : inner.object;
  }
  return inner;
}
