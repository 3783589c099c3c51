import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

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

/** `x.method(...)` where the call's callee is `member`; returns the call. */
export function callOfMethod(member: TSESTree.Node): TSESTree.CallExpression | undefined {
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

/**
 * Children of a node, through typescript-eslint's visitor keys (a superset of
 * ESTree's, JSX included), with a walk over the node's own keys for a type
 * they do not know.
 */
export function* childNodes(node: TSESTree.Node): Generator<TSESTree.Node> {
  const keys = visitorKeys[node.type] ?? ownKeys(node);
  const record = node as unknown as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) yield item;
    } else if (isNode(value)) {
      yield value;
    }
  }
}

function ownKeys(node: TSESTree.Node): string[] {
  return Object.keys(node).filter((key) => key !== 'parent' && key !== 'loc' && key !== 'range' && key !== 'tokens' && key !== 'comments');
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Depth-first walk of `root` and everything under it, in source order. */
export function* descendants(root: TSESTree.Node): Generator<TSESTree.Node> {
  const stack: TSESTree.Node[] = [root];
  const children: TSESTree.Node[] = [];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    yield node;
    children.length = 0;
    for (const child of childNodes(node)) children.push(child);
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as TSESTree.Node);
  }
}

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

/** The innermost node of `root` that spans exactly `[start, end]`. */
export function nodeAtRange(root: TSESTree.Node, start: number, end: number): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  let current: TSESTree.Node | undefined = root;
  while (current) {
    if (current.range[0] === start && current.range[1] === end) found = current;
    let next: TSESTree.Node | undefined;
    for (const child of childNodes(current)) {
      if (child.range[0] <= start && end <= child.range[1]) {
        next = child;
        break;
      }
    }
    current = next;
  }
  return found;
}

/** Nodes of `root` that run when it runs: not those inside nested functions or classes. */
export function ownNodes(root: TSESTree.Node): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  const pending: TSESTree.Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as TSESTree.Node;
    nodes.push(node);
    for (const child of childNodes(node)) {
      if (!isFunction(child) && !isClass(child)) pending.push(child);
    }
  }
  return nodes;
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
