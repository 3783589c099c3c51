import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { type ClassNode, type FunctionNode, isClass, isFunction } from './predicates.js';

/** Walking a tree: down through children, and up from a node to what it belongs to. */

/**
 * Children of a node, through typescript-eslint's visitor keys (a superset of
 * ESTree's, JSX included), with a walk over the node's own keys for a type
 * they do not know. An array, not a generator: the walks below call this for
 * every node of a file, and a generator's per-item cost showed in profiles.
 */
function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const keys = visitorKeys[node.type] ?? ownKeys(node);
  const record = node as unknown as Record<string, unknown>;
  const children: TSESTree.Node[] = [];
  for (const key of keys) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

function ownKeys(node: TSESTree.Node): string[] {
  return Object.keys(node).filter((key) => key !== 'parent' && key !== 'loc' && key !== 'range' && key !== 'tokens' && key !== 'comments');
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** A program's nodes, listed once: both rules and the rewrite's style detection walk the same tree. */
const programNodes = new WeakMap<TSESTree.Node, readonly TSESTree.Node[]>();

/**
 * Depth-first walk of `root` and everything under it, in source order. A
 * whole program's list is made once and reused (the tree never changes once
 * parsed).
 */
export function descendants(root: TSESTree.Node): Iterable<TSESTree.Node> {
  if (root.type !== AST_NODE_TYPES.Program) return walkFrom(root);
  let nodes = programNodes.get(root);
  if (!nodes) {
    nodes = nodesUnder(root);
    programNodes.set(root, nodes);
  }
  return nodes;
}

/** Every node of `root`, depth first in source order, as one list. */
function nodesUnder(root: TSESTree.Node): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    nodes.push(node);
    const children = childNodes(node);
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as TSESTree.Node);
  }
  return nodes;
}

/** The same walk, one node at a time: a search below a node usually stops early. */
function* walkFrom(root: TSESTree.Node): Generator<TSESTree.Node> {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    yield node;
    const children = childNodes(node);
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as TSESTree.Node);
  }
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

/**
 * The class whose instance `this` is at `node`: arrow functions pass `this`
 * through; any other function must be a method or field of the class.
 */
export function thisClass(node: TSESTree.Node): ClassNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (isFunction(current)) {
      const holder = current.parent;
      if (holder?.type !== AST_NODE_TYPES.MethodDefinition || holder.static) return undefined;
      const owner = holder.parent.parent;
      return owner && isClass(owner) ? owner : undefined;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition) {
      if (current.static) return undefined;
      const owner = current.parent.parent;
      return owner && isClass(owner) ? owner : undefined;
    }
    if (isClass(current) || current.type === AST_NODE_TYPES.StaticBlock) return undefined;
  }
  return undefined;
}

/** The expressions a function returns (not those of functions nested in it). */
export function returnedExpressions(fn: FunctionNode): TSESTree.Expression[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const returned: TSESTree.Expression[] = [];
  const pending: TSESTree.Node[] = [fn.body];
  while (pending.length > 0) {
    const node = pending.pop() as TSESTree.Node;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) returned.push(node.argument);
    } else if (!isFunction(node) && !isClass(node)) {
      pending.push(...childNodes(node));
    }
  }
  return returned;
}

/**
 * What in `roots` a function around them would change the meaning of: `this`,
 * `arguments`, `super`, `new.target`, outside nested functions other than
 * arrows (which see those of the code around them) and outside the
 * `replaced` ranges.
 */
export function lexicalBindingsUsed(
  roots: readonly TSESTree.Node[],
  replaced: readonly (readonly [number, number])[] = [],
): Set<'this' | 'arguments' | 'super' | 'new.target'> {
  const used = new Set<'this' | 'arguments' | 'super' | 'new.target'>();
  const pending = [...roots];
  while (pending.length > 0) {
    const node = pending.pop() as TSESTree.Node;
    // Code the rewrite replaces (a value evaluated once before `send`) is not in the function.
    if (replaced.some(([start, end]) => start <= node.range[0] && node.range[1] <= end)) continue;
    if (node.type === AST_NODE_TYPES.ThisExpression) used.add('this');
    else if (node.type === AST_NODE_TYPES.Super) used.add('super');
    else if (node.type === AST_NODE_TYPES.MetaProperty && node.meta.name === 'new') used.add('new.target');
    else if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments' && isReference(node)) used.add('arguments');
    for (const child of childNodes(node)) {
      if (child.type === AST_NODE_TYPES.ArrowFunctionExpression || (!isFunction(child) && !isClass(child))) pending.push(child);
    }
  }
  return used;
}

/** An identifier that reads a binding: not a property name or a key. */
function isReference(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.object === identifier || parent.computed;
  if (parent?.type === AST_NODE_TYPES.Property) return parent.value === identifier || parent.computed;
  return true;
}
