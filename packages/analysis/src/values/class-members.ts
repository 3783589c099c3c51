import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { agentClassFlavor } from '../agents.js';
import { type AbstractValue, type AgentFlavor, type PropertyLookup, UNKNOWN_LOOKUP, undefinedValue } from './abstract-value.js';
import { type ClassNode, isFunction, memberPropertyName, staticKeyName } from '../ast/predicates.js';
import { descendants, returnedExpressions, thisClass } from '../ast/walk.js';

/** What `this.name` holds inside a class, for the file's resolver. Each class is read once. */
export class ClassMembers {
  readonly #resolve: (node: TSESTree.Node) => readonly AbstractValue[];
  readonly #members = new Map<ClassNode, Map<string, TSESTree.Node[]>>();

  constructor(resolve: (node: TSESTree.Node) => readonly AbstractValue[]) {
    this.#resolve = resolve;
  }

  /**
   * Values of `this.name` inside a class: its field initialiser and every
   * `this.name = value` in its methods. `undefined` when `this` is not the
   * class instance (a plain function) or the class never sets the member.
   */
  valuesOf(member: TSESTree.MemberExpression, name: string): AbstractValue[] | undefined {
    const owner = thisClass(member);
    if (!owner) return undefined;
    const sources = this.#membersOf(owner).get(name);
    if (!sources) return undefined;
    return sources.flatMap((source) => (isFunction(source) ? [{ kind: 'function', node: source } as const] : this.#resolve(source)));
  }

  /** Member name → the expressions assigned to it (methods map to their function). */
  #membersOf(owner: ClassNode): Map<string, TSESTree.Node[]> {
    const cached = this.#members.get(owner);
    if (cached) return cached;
    const members = new Map<string, TSESTree.Node[]>();
    const add = (name: string | undefined, source: TSESTree.Node): void => {
      if (name === undefined) return;
      const list = members.get(name) ?? [];
      list.push(source);
      members.set(name, list);
    };
    for (const element of owner.body.body) {
      if (
        element.type === AST_NODE_TYPES.PropertyDefinition ||
        element.type === AST_NODE_TYPES.AccessorProperty
      ) {
        const key = staticKeyName(element.key, element.computed);
        if (element.value) add(key, element.value);
      } else if (element.type === AST_NODE_TYPES.MethodDefinition) {
        const key = staticKeyName(element.key, element.computed);
        if (element.kind === 'method') add(key, element.value);
        if (element.kind === 'get' && isFunction(element.value)) {
          for (const returned of returnedExpressions(element.value)) add(key, returned);
        }
        if (element.kind === 'constructor') {
          for (const parameter of element.value.params) {
            if (parameter.type === AST_NODE_TYPES.TSParameterProperty) {
              const bound = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
              if (bound.type === AST_NODE_TYPES.Identifier) add(bound.name, bound);
            }
          }
        }
      }
    }
    for (const node of descendants(owner.body)) {
      if (
        node.type !== AST_NODE_TYPES.AssignmentExpression ||
        node.left.type !== AST_NODE_TYPES.MemberExpression ||
        node.left.object.type !== AST_NODE_TYPES.ThisExpression ||
        thisClass(node.left) !== owner
      ) {
        continue;
      }
      add(memberPropertyName(node.left), node.operator === '=' ? node.right : node);
    }
    this.#members.set(owner, members);
    return members;
  }
}

type Resolve = (node: TSESTree.Node) => readonly AbstractValue[];

/**
 * `class KeepAliveAgent extends http.Agent`: the flavor it inherits, and the
 * `super(...)` call that configures it (none: its own arguments are passed on).
 */
export function agentSuperclass(owner: ClassNode, resolve: Resolve): { flavor: AgentFlavor; superCall?: TSESTree.CallExpression } | undefined {
  if (!owner.superClass) return undefined;
  let flavor: AgentFlavor | undefined;
  let superCall: TSESTree.CallExpression | undefined;
  for (const base of resolve(owner.superClass)) {
    flavor ??= agentClassFlavor(base);
    if (!flavor && base.kind === 'class') {
      const inherited = agentSuperclass(base.node, resolve);
      flavor = inherited?.flavor;
      superCall = inherited?.superCall;
    }
  }
  if (!flavor) return undefined;
  const constructor = owner.body.body.find(
    (element): element is TSESTree.MethodDefinition => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor',
  );
  if (!constructor) return superCall ? { flavor, superCall } : { flavor };
  const call = [...descendants(constructor.value.body ?? constructor.value)].find(
    (node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Super,
  );
  return call ? { flavor, superCall: call } : { flavor };
}

/** `Client.agent` of `class Client { static agent = … }`. */
export function lookupStatic(owner: ClassNode, name: string, resolve: Resolve): PropertyLookup {
  for (const element of owner.body.body) {
    if (element.type !== AST_NODE_TYPES.PropertyDefinition || !element.static) continue;
    if (staticKeyName(element.key, element.computed) === name) return { values: element.value ? resolve(element.value) : [undefinedValue], mayBeAbsent: false };
  }
  return UNKNOWN_LOOKUP;
}
