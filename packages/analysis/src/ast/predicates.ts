import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';

/**
 * Small predicates over ESTree / TSESTree nodes. Each answers one question so
 * that the analysis reads like prose.
 */

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Wrappers that do not change the value of the expression inside them. */
const TRANSPARENT_WRAPPERS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSInstantiationExpression,
]);

export function isTransparentWrapper(
  node: TSESTree.Node,
): node is
  | TSESTree.ChainExpression
  | TSESTree.TSAsExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.TSInstantiationExpression {
  return TRANSPARENT_WRAPPERS.has(node.type);
}

/** `(x as T)!` → `x`. */
export function skipTransparentWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isTransparentWrapper(current)) current = current.expression;
  return current;
}

/**
 * The nearest ancestor that is not a transparent wrapper, and the child of it
 * that leads to `node` (the outermost wrapper, or `node` itself).
 */
export function outermostWrapper(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && isTransparentWrapper(current.parent)) current = current.parent;
  return current;
}

export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

export function isClass(node: TSESTree.Node): node is ClassNode {
  return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;
}

/** The name of a non-computed key, or of a computed key that is a string literal. */
export function staticKeyName(
  key: TSESTree.Node,
  computed: boolean,
): string | undefined {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (
    key.type === AST_NODE_TYPES.TemplateLiteral &&
    key.expressions.length === 0 &&
    key.quasis.length === 1
  ) {
    return key.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** `a.b`, `a['b']`, `a?.b` → `'b'`. */
export function memberPropertyName(node: TSESTree.MemberExpression): string | undefined {
  return staticKeyName(node.property, node.computed);
}

/** Sentinel for a value that cannot be known without running the code. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/**
 * The value of a literal-only expression: `true`, `!0`, `1`, `'a'`, `void 0`,
 * `undefined` is left to the caller (it needs scope information).
 */
export function staticLiteralValue(node: TSESTree.Node): unknown {
  const inner = skipTransparentWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Literal:
      return 'regex' in inner && inner.regex ? UNKNOWN : inner.value;
    case AST_NODE_TYPES.TemplateLiteral:
      return inner.expressions.length === 0 ? (inner.quasis[0]?.value.cooked ?? UNKNOWN) : UNKNOWN;
    case AST_NODE_TYPES.UnaryExpression: {
      if (inner.operator === 'void') return undefined;
      const argument = staticLiteralValue(inner.argument);
      if (argument === UNKNOWN) return UNKNOWN;
      if (inner.operator === '!') return !argument;
      if (inner.operator === '-' && typeof argument === 'number') return -argument;
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** Whether `inner` lies within `outer`'s source range. */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Whether a loop lies between `node` and the first ancestor that `until` accepts. */
export function insideLoop(node: TSESTree.Node, until: (ancestor: TSESTree.Node) => boolean): boolean {
  for (let current = node.parent; current && !until(current); current = current.parent) {
    if (isLoop(current)) return true;
  }
  return false;
}

/** `for`, `for…in`, `for…of`, `while`, `do…while`. */
export function isLoop(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return true;
    default:
      return false;
  }
}

/** `new Promise((resolve, reject) => ...)`: its parameters are the promise's own functions. */
export function isPromiseExecutor(fn: TSESTree.Node): boolean {
  const construction = outermostWrapper(fn).parent;
  return (
    isFunction(fn) &&
    construction?.type === AST_NODE_TYPES.NewExpression &&
    construction.arguments[0] === outermostWrapper(fn) &&
    construction.callee.type === AST_NODE_TYPES.Identifier &&
    construction.callee.name === 'Promise'
  );
}
