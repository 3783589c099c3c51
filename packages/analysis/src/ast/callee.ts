import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { memberPropertyName, skipTransparentWrappers } from './predicates.js';

/** What a call calls, by name, and where a report about it goes. */

/** Where a report about a call or `new` goes: the callee, and `new` with it. */
export function calleeReport(node: TSESTree.CallExpression | TSESTree.NewExpression): {
  readonly range: [number, number];
  readonly loc: TSESTree.SourceLocation;
} {
  const isNew = node.type === AST_NODE_TYPES.NewExpression;
  return {
    range: [isNew ? node.range[0] : node.callee.range[0], node.callee.range[1]],
    loc: { start: isNew ? node.loc.start : node.callee.loc.start, end: node.callee.loc.end },
  };
}

/** `backoff.retry` → `['backoff', 'retry']`; empty when the callee is not a plain name path. */
export function calleePath(callee: TSESTree.Node): string[] {
  const inner = skipTransparentWrappers(callee);
  if (inner.type === AST_NODE_TYPES.Identifier) return [inner.name];
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberPropertyName(inner);
    if (name === undefined) return [];
    const object = inner.object.type === AST_NODE_TYPES.ThisExpression ? ['this'] : calleePath(inner.object);
    return object.length === 0 ? [] : [...object, name];
  }
  return [];
}

/** The name a call is made by: `pipe` for `src.pipe` (whatever `src` is), `pipeline` for `pipeline` or `stream.pipeline`. */
export function calleeName(callee: TSESTree.Node): string | undefined {
  const inner = skipTransparentWrappers(callee);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberPropertyName(inner);
  return undefined;
}
