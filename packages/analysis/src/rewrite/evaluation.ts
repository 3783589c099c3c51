import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { FIRST_ATTEMPT_HELPER, SNAPSHOT_HELPER } from './helper.js';
import type { TextEdit } from './layout.js';
import { NAME_CANDIDATES, type NameChooser } from './names.js';
import { skip } from './reasons.js';
import type { Site } from './site.js';
import { type Role, StabilityReader, readIdentifiers, readsAsText, sameBindingEachTime, sameResultEachTime } from './stability.js';
import { isFunction, outermostWrapper, skipTransparentWrappers, staticKeyName } from '../ast/predicates.js';
import { descendants, lexicalBindingsUsed } from '../ast/walk.js';
import type { HostVariable } from '../host.js';
import { type RequestNode, mayBeFunction } from '../request-arguments.js';
import { LISTENER_METHODS } from '../request-chain.js';
import type { ValueResolver } from '../values/resolver.js';

/**
 * What may be evaluated early, and how (`stability.ts` says what each value
 * is). An argument of the request itself is evaluated before `send`, where it
 * was the first thing evaluated anyway, and a `mutable` one is copied
 * (`snapshotForRetry`). An argument of a later call is computed where it was,
 * by the first attempt, and reused by each retry (`onFirstAttempt`).
 */
export interface EarlyEvaluation {
  /** Declarations to put before `send`, in evaluation order. */
  readonly declarations: readonly string[];
  /** The arguments replaced by the names of those declarations. */
  readonly edits: readonly TextEdit[];
  /** The helpers the declarations call. */
  readonly helpers: ReadonlySet<typeof SNAPSHOT_HELPER | typeof FIRST_ATTEMPT_HELPER>;
}

interface Candidate {
  readonly node: TSESTree.Node;
  readonly role: Role;
  readonly names: readonly string[];
  /**
   * `before`: an argument of the request itself, evaluated before anything
   * else, so it may be evaluated before `send`. `first-attempt`: an argument of
   * a later call, which must be evaluated where it is (the request, or a call
   * before it, may throw first), once: the first attempt computes it, a retry
   * reuses it.
   */
  readonly when: 'before' | 'first-attempt';
}

interface Context {
  readonly typescript: boolean;
  readonly values: ValueResolver;
  readonly names: NameChooser;
  readonly text: string;
  readonly semi: string;
  /** The file is ECMAScript 5: `var`, function expressions. */
  readonly es5: boolean;
}

export function planEarlyEvaluation(site: Site, request: RequestNode, options: TSESTree.Node | null | 'unknown', context: Context): EarlyEvaluation {
  const stability = new StabilityReader(context.values, new Set([request, ...site.calls.map((step) => step.call)]));
  if (stability.of(request.callee, 'function') !== 'stable' || modulePatchedElsewhere(request.callee, context.values)) skip('changing-callee');
  if (!site.conditions.every((test) => sameResultEachTime(test, context.values))) skip('used-by-other-code');
  // The 'error' listener is wrapped, not moved: what it names must be what it named when it was added.
  const errorListeners = new Set(site.registrations.filter((registration) => registration.event === 'error').map((registration) => registration.listener));
  for (const listener of errorListeners) if (stability.of(listener, 'function') !== 'stable') skip('error-listener');
  const plan = { declarations: [] as string[], edits: [] as TextEdit[], helpers: new Set<typeof SNAPSHOT_HELPER | typeof FIRST_ATTEMPT_HELPER>() };
  const text = (node: TSESTree.Node) => context.text.slice(node.range[0], node.range[1]);

  /** `const name = value;` before `send`, and `replacement(name)` where `at` (the node) was. */
  const declare = (
    node: TSESTree.Node,
    names: readonly string[],
    value: (source: string) => string,
    replacement = (name: string) => name,
    at: TSESTree.Node = node,
  ) => {
    if (site.variable && readsVariable(node, site.variable, context.values)) skip('late-body');
    // Out of the call, TypeScript no longer types `(res) => ...` from the call's signature.
    if (context.typescript && hasUntypedInlineFunction(node)) skip('inline-function-types');
    const name = context.names.choose(names);
    plan.declarations.push(`${context.es5 ? 'var' : 'const'} ${name} = ${value(text(node))}${context.semi}`);
    plan.edits.push({ range: [at.range[0], at.range[1]], text: replacement(name) });
  };
  const splitsIntoParts = (node: TSESTree.Node): node is TSESTree.ObjectExpression =>
    node.type === AST_NODE_TYPES.ObjectExpression &&
    node.properties.every(
      (property) =>
        property.type === AST_NODE_TYPES.SpreadElement ||
        (property.kind === 'init' && (!property.computed || stability.of(property.key, 'data') === 'stable')),
    );

  /**
   * An argument of the request: what is not stable is evaluated once before
   * `send`, and copied when it could still change. An object literal stays in
   * place (TypeScript still types its functions from the call), and only its
   * parts that are not stable move (`{ headers }` becomes `{ headers: requestHeaders }`).
   */
  const beforeSend = (node: TSESTree.Node, role: Role, names: readonly string[], at = node, replacement?: (name: string) => string): void => {
    const verdict = stability.of(node, role);
    if (verdict === 'stable') return;
    const inner = skipTransparentWrappers(node);
    if (splitsIntoParts(inner)) {
      for (const property of inner.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          beforeSend(property.argument, 'data', NAME_CANDIDATES.value);
        } else if (!readsAsText(property, context.values)) {
          const key = text(property.key);
          const shorthand = property.shorthand ? (name: string) => `${key}: ${name}` : undefined;
          beforeSend(property.value as TSESTree.Node, 'data', propertyNames(property), property.shorthand ? property : property.value, shorthand);
        }
      }
      return;
    }
    const copy = verdict === 'mutable' && role === 'data';
    if (copy) plan.helpers.add(SNAPSHOT_HELPER);
    declare(node, names, (source) => (copy ? `${SNAPSHOT_HELPER}(${source})` : source), replacement, at);
  };

  for (const { node, role, names, when } of candidates(site, request, options, context.values)) {
    if (errorListeners.has(node)) continue;
    // A getter or setter Node reads is code of the project that it would run again for each attempt.
    if (role === 'data' && hasAccessors(node, context.values, 0)) skip('getter');
    if (when === 'before') {
      beforeSend(node, role, names);
      continue;
    }
    const verdict = stability.of(node, role);
    if (verdict === 'stable') continue;
    // A body is sent as the very object given (never copied: code that wipes it after end() still wipes what was sent).
    // Any other value that could still change (a header array) is copied when the first attempt computes it.
    const body = names === NAME_CANDIDATES.body;
    if (body && sameBindingEachTime(node, context.values)) continue;
    const copy = !body && role === 'data' && verdict === 'mutable';
    if (copy) plan.helpers.add(SNAPSHOT_HELPER);
    // Inside `() => …`, TypeScript forgets what an `if` before it proved of a property (`job.id` no longer `string`).
    if (context.typescript && readsNarrowedProperty(node, request, context.text)) skip('narrowed-value');
    plan.helpers.add(FIRST_ATTEMPT_HELPER);
    declare(node, names, (source) => `${FIRST_ATTEMPT_HELPER}(${computeOnce(copy ? `${SNAPSHOT_HELPER}(${source})` : source, node, context)})`, (name) => `${name}()`);
  }
  return plan;
}

/**
 * `() => value`, or in an ECMAScript 5 file `function () { return value; }`
 * (bound to `this` when the value reads it; with `arguments` the site is left).
 */
function computeOnce(value: string, node: TSESTree.Node, context: { readonly es5: boolean; readonly semi: string }): string {
  if (!context.es5) return `() => ${value}`;
  const uses = lexicalBindingsUsed([node]);
  if (uses.has('arguments')) skip('arguments');
  return `function () { return ${value}${context.semi} }${uses.has('this') ? '.bind(this)' : ''}`;
}

/** Names for a property's value moved out of an object literal: `path` → `path`, `requestPath`, ... */
function propertyNames(property: TSESTree.Property): readonly string[] {
  const key = staticKeyName(property.key, property.computed);
  // `'Idempotency-Key'` → `idempotencyKey`.
  const words = (key ?? '').split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const name = words.map((word, index) => (index === 0 ? word[0]?.toLowerCase() ?? '' : word[0]?.toUpperCase() ?? '') + word.slice(1)).join('');
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return NAME_CANDIDATES.value;
  return [name, `request${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`, `${name}Value`];
}

/**
 * Names for a copy of an argument written as a name (`options`,
 * `this.options`): `requestOptions`, then the usual ones; `url` would
 * misname options that only the run-time value tells apart from a URL.
 */
function namedAfter(argument: TSESTree.Node, names: readonly string[]): readonly string[] {
  const inner = skipTransparentWrappers(argument);
  const name =
    inner.type === AST_NODE_TYPES.Identifier
      ? inner.name
      : inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier
        ? inner.property.name
        : undefined;
  if (name === undefined) return names;
  // `requestOpts` is already a request's name: its copy is `requestOptsSnapshot`, never `url`.
  if (name.startsWith('request')) return [`${name}Snapshot`, `${name}ForRetry`, ...names];
  return [`request${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`, ...names];
}

/** The arguments of the request and of the calls on it, in evaluation order, each with what it is for. */
function candidates(site: Site, request: RequestNode, options: TSESTree.Node | null | 'unknown', values: ValueResolver): Candidate[] {
  const found: Candidate[] = [];
  request.arguments.forEach((argument, index) => {
    const isLast = index > 0 && index === request.arguments.length - 1;
    const callback =
      argument !== options &&
      (isLast || mayBeFunction(argument, values));
    const names = argument === options ? NAME_CANDIDATES.options : callback ? NAME_CANDIDATES.listener : NAME_CANDIDATES.url;
    found.push({ node: argument, role: callback ? 'function' : 'data', names: namedAfter(argument, names), when: 'before' });
  });
  for (const { method, call } of site.calls) {
    call.arguments.forEach((argument, index) => {
      const listener = (LISTENER_METHODS.has(method) || method === 'setTimeout') && index === 1;
      const body = method === 'write' || method === 'end';
      found.push({
        node: argument,
        role: listener || isFunction(argument) ? 'function' : 'data',
        names: listener ? NAME_CANDIDATES.listener : body ? NAME_CANDIDATES.body : NAME_CANDIDATES.value,
        when: 'first-attempt',
      });
    });
  }
  return found;
}

function readsVariable(node: TSESTree.Node, variable: HostVariable, values: ValueResolver): boolean {
  return readIdentifiers(node).some((inner) => values.variableOf(inner) === variable);
}

/**
 * Whether `node` reads a property (`job.id`) that a test before the request,
 * in the same function, names: TypeScript may have narrowed it there, and
 * it forgets property narrowing inside a function.
 */
function readsNarrowedProperty(node: TSESTree.Node, request: TSESTree.Node, text: string): boolean {
  const properties = [...descendants(node)]
    .filter((inner) => inner.type === AST_NODE_TYPES.MemberExpression)
    .map((member) => text.slice(member.range[0], member.range[1]).replace(/\s+/g, ''));
  if (properties.length === 0) return false;
  let scope: TSESTree.Node = request;
  while (scope.parent && !isFunction(scope)) scope = scope.parent;
  const tests = [...descendants(scope)].flatMap((inner) => {
    if (inner.range[1] > request.range[0]) return [];
    switch (inner.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.WhileStatement:
        return [inner.test];
      case AST_NODE_TYPES.SwitchStatement:
        return [inner.discriminant];
      case AST_NODE_TYPES.LogicalExpression:
        return [inner.left];
      default:
        return [];
    }
  });
  const tested = tests.map((test) => text.slice(test.range[0], test.range[1]).replace(/\s+/g, ''));
  return properties.some((property) => tested.some((test) => test.includes(property)));
}

/** A function expression in `node` with a parameter that has no type of its own. */
function hasUntypedInlineFunction(node: TSESTree.Node): boolean {
  return [...descendants(node)].some(
    (inner) => isFunction(inner) && inner.params.some((parameter) => !('typeAnnotation' in parameter && parameter.typeAnnotation)),
  );
}

/** An object literal with a getter or setter: the argument itself, a literal in it, the literal a variable holds, or one an expression resolves to. */
function hasAccessors(node: TSESTree.Node, values: ValueResolver, depth: number): boolean {
  const inner = skipTransparentWrappers(node);
  if (depth > 4) return false;
  if (inner.type === AST_NODE_TYPES.ObjectExpression) {
    return inner.properties.some((property) =>
      property.type === AST_NODE_TYPES.SpreadElement
        ? hasAccessors(property.argument, values, depth + 1)
        : property.kind !== 'init' || hasAccessors(property.value, values, depth + 1),
    );
  }
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const declarator = values.variableOf(inner)?.defs[0]?.node;
    return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init !== null && hasAccessors(declarator.init, values, depth + 1);
  }
  // Any other expression: the object literals it may hold (`this.options` set in the constructor, a property of one).
  return values.resolve(inner).some((value) => value.kind === 'object' && hasAccessors(value.node, values, depth + 1));
}

/** `http` of `http.get` handed to other code, which could patch `get` between attempts (`instrument(http, 'get')`). */
function modulePatchedElsewhere(callee: TSESTree.Node, values: ValueResolver): boolean {
  for (const inner of readIdentifiers(callee)) {
    const variable = values.variableOf(inner);
    if (variable?.references.some((reference) => !reference.init && handedOn(reference.identifier))) return true;
  }
  return false;
}

/** The object itself given to a call, assigned, or stored: whoever gets it may change it. */
function handedOn(identifier: TSESTree.Node): boolean {
  const outer = outermostWrapper(identifier);
  const parent = outer.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.arguments.includes(outer as TSESTree.CallExpressionArgument);
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === outer;
    case AST_NODE_TYPES.Property:
      return parent.value === outer;
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
      return true;
    default:
      return false;
  }
}

