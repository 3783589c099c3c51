import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { calleePath } from '../ast/callee.js';
import { memberPropertyName, skipTransparentWrappers, staticKeyName } from '../ast/predicates.js';
import { descendants, returnedExpressions, thisClass } from '../ast/walk.js';
import type { HostVariable } from '../host.js';
import type { ValueResolver } from '../values/resolver.js';

/**
 * What may be evaluated early. A retry must send what the first attempt
 * sent, and the code between the two must not change it. So every argument
 * of the request and of the calls on it is either
 * - `stable`: evaluating it again gives the same value, runs no code of the
 *   project and reads nothing that can change (a literal, a constant, a
 *   function, an object literal of those): it stays where it is;
 * - `fixed`: it must be evaluated once, and what it gives cannot change
 *   afterwards (a string, a fresh object nobody else holds);
 * - `mutable`: evaluated once as well, and what it gives could still change.
 * The moved statements are calls on the request only, so nothing of the
 * project runs between two attempts.
 */
export type Stability = 'stable' | 'fixed' | 'mutable';

export type Role = 'data' | 'function';

/** Whether anything but its declaration writes the variable. */
function reassigned(variable: HostVariable): boolean {
  return variable.references.some((reference) => reference.isWrite() && !reference.init);
}

/** Calls that give the same primitive for the same arguments and run no code of the project on them. */
const PURE_CALLS: ReadonlySet<string> = new Set([
  'String',
  'Number',
  'Boolean',
  'encodeURIComponent',
  'encodeURI',
  'decodeURIComponent',
  'parseInt',
  'parseFloat',
  'Buffer.byteLength',
]);

/** Calls whose result is a primitive, whatever they are given: the pure ones, and some that differ on each call. */
const PRIMITIVE_CALLS: ReadonlySet<string> = new Set([
  ...PURE_CALLS,
  'JSON.stringify',
  'randomUUID',
  'crypto.randomUUID',
  'querystring.stringify',
  'qs.stringify',
]);

/** Methods that give a string (or number) of whatever they are called on. */
const PRIMITIVE_METHODS: ReadonlySet<string> = new Set([
  'toString',
  'toISOString',
  'toFixed',
  'toLowerCase',
  'toUpperCase',
  'trim',
  'join',
  'digest',
  'padStart',
  'padEnd',
]);

/** Constructors whose result is a new object, built from what it is given at once. */
const FRESH_OBJECTS: ReadonlySet<string> = new Set(['URL', 'URLSearchParams', 'Date']);

/** Values that a request only refers to, never reads as data: changing which one it is changes no byte sent. */
const REFERENCE_KINDS: ReadonlySet<string> = new Set([
  'http-module',
  'request-function',
  'client-request-class',
  'agent',
  'global-agent',
  'agent-class',
  'agentkeepalive-module',
]);

const worst = (verdicts: readonly Stability[]): Stability =>
  verdicts.includes('mutable') ? 'mutable' : verdicts.includes('fixed') ? 'fixed' : 'stable';

/** Options whose value Node keeps and uses as that very object (or function), never copying what is in it. */
const REFERENCE_OPTIONS: ReadonlySet<string> = new Set(['agent', 'signal', 'lookup', 'createConnection']);

/** Options Node reads as text (or a number) when it builds the request, never later. */
const TEXT_OPTIONS: ReadonlySet<string> = new Set(['host', 'hostname', 'port', 'path', 'method', 'protocol', 'auth', 'servername', 'socketPath', 'localAddress', 'family']);

/** `{ path }` or `{ path: path }` with a binding nobody reassigns, for an option Node reads as text. */
export function readsAsText(property: TSESTree.Property, values: ValueResolver): boolean {
  const key = staticKeyName(property.key, property.computed);
  return key !== undefined && TEXT_OPTIONS.has(key) && sameBindingEachTime(property.value, values);
}

/**
 * A test that gives each attempt the branch the first one took: it compares
 * or tests bindings nobody reassigns (`body`, `body !== undefined`,
 * `typeof body === 'string'`), whose identity and truthiness cannot change.
 */
export function sameResultEachTime(test: TSESTree.Node, values: ValueResolver): boolean {
  const inner = skipTransparentWrappers(test);
  switch (inner.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.Identifier:
      return inner.name === 'undefined' || sameBindingEachTime(inner, values);
    case AST_NODE_TYPES.UnaryExpression:
      return (inner.operator === '!' || inner.operator === 'typeof' || inner.operator === 'void') && sameResultEachTime(inner.argument, values);
    case AST_NODE_TYPES.BinaryExpression: {
      // `==` runs an object's valueOf unless it compares with null or undefined.
      const nullish = (node: TSESTree.Node) => (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
      const strict = inner.operator === '===' || inner.operator === '!==';
      const loose = (inner.operator === '==' || inner.operator === '!=') && (nullish(inner.left) || nullish(inner.right));
      return (strict || loose) && sameResultEachTime(inner.left, values) && sameResultEachTime(inner.right, values);
    }
    case AST_NODE_TYPES.LogicalExpression:
      return sameResultEachTime(inner.left, values) && sameResultEachTime(inner.right, values);
    default:
      return false;
  }
}

/** An identifier nobody reassigns: reading it again gives the very value the first attempt got. */
export function sameBindingEachTime(node: TSESTree.Node, values: ValueResolver): boolean {
  const inner = skipTransparentWrappers(node);
  if (inner.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = values.variableOf(inner);
  // An import is a live binding: the module that exports it may change what it holds.
  return variable !== null && variable.defs.length > 0 && variable.defs[0]?.type !== 'ImportBinding' && !reassigned(variable);
}

/** Decides, for each value a retry would send again, whether it is `stable`, `fixed` or `mutable`. */
export class StabilityReader {
  readonly #values: ValueResolver;
  /** The request and the calls on it: handing an object to them does not let anything change it. */
  readonly #siteCalls: ReadonlySet<TSESTree.Node>;
  readonly #ownedCache = new Map<HostVariable, boolean>();

  constructor(values: ValueResolver, siteCalls: ReadonlySet<TSESTree.Node>) {
    this.#values = values;
    this.#siteCalls = siteCalls;
  }

  of(node: TSESTree.Node, role: Role, depth = 0): Stability {
    const inner = skipTransparentWrappers(node);
    if (depth > 8) return 'mutable';
    const resolved = this.#values.resolve(inner);
    if (resolved.length > 0 && resolved.every((value) => REFERENCE_KINDS.has(value.kind)) && this.#readsOnlyConstants(inner)) {
      return 'stable';
    }
    switch (inner.type) {
      case AST_NODE_TYPES.Literal:
        return 'regex' in inner && inner.regex ? 'fixed' : 'stable';
      case AST_NODE_TYPES.TemplateLiteral:
        return worst(inner.expressions.map((expression) => this.#primitive(expression, depth)));
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
        return 'stable';
      case AST_NODE_TYPES.Identifier:
        return this.#identifier(inner, role, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.#member(inner, role, depth);
      case AST_NODE_TYPES.ObjectExpression:
        return worst(
          inner.properties.map((property) => {
            if (property.type === AST_NODE_TYPES.SpreadElement) return this.of(property.argument, 'data', depth + 1);
            const key = property.computed ? this.#primitive(property.key, depth) : 'stable';
            if (property.kind !== 'init') return 'mutable';
            if (readsAsText(property, this.#values)) return 'stable';
            // An AbortSignal, an agent, a lookup function: Node keeps the object itself, so only which one it is matters.
            if (REFERENCE_OPTIONS.has(staticKeyName(property.key, property.computed) ?? '') && sameBindingEachTime(property.value as TSESTree.Node, this.#values)) {
              return 'stable';
            }
            return worst([key, this.of(property.value, 'data', depth + 1)]);
          }),
        );
      case AST_NODE_TYPES.ArrayExpression:
        return worst(inner.elements.map((element) => (element ? this.of(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, 'data', depth + 1) : 'stable')));
      case AST_NODE_TYPES.BinaryExpression:
        return this.#primitive(inner.left, depth) === 'stable' && this.#primitive(inner.right, depth) === 'stable' ? 'stable' : 'fixed';
      case AST_NODE_TYPES.UnaryExpression:
        return inner.operator === 'delete' ? 'fixed' : this.#primitive(inner.argument, depth);
      case AST_NODE_TYPES.UpdateExpression:
        return 'fixed';
      case AST_NODE_TYPES.AssignmentExpression:
        return worst(['fixed', this.of(inner.right, role, depth + 1)]);
      case AST_NODE_TYPES.LogicalExpression:
        return worst([this.of(inner.left, role, depth + 1), this.of(inner.right, role, depth + 1)]);
      case AST_NODE_TYPES.ConditionalExpression: {
        const branches = [this.of(inner.consequent, role, depth + 1), this.of(inner.alternate, role, depth + 1)];
        // A test that picks the same branch each time: the value is that branch's.
        const test = sameResultEachTime(inner.test, this.#values) ? 'stable' : this.#primitive(inner.test, depth);
        return worst([test, ...branches]);
      }
      case AST_NODE_TYPES.SequenceExpression:
        return worst(['fixed', this.of(inner.expressions.at(-1) as TSESTree.Node, role, depth + 1)]);
      case AST_NODE_TYPES.CallExpression:
        return this.#call(inner, role, depth);
      case AST_NODE_TYPES.NewExpression:
        return FRESH_OBJECTS.has(calleePath(inner.callee).join('.')) ? 'fixed' : role === 'function' ? 'fixed' : 'mutable';
      default:
        return 'mutable';
    }
  }

  /** A part whose value only matters as a primitive (a template's expression, an operand): anything read once is fixed. */
  #primitive(node: TSESTree.Node, depth: number): Stability {
    return this.of(node, 'data', depth + 1) === 'stable' ? 'stable' : 'fixed';
  }

  #identifier(identifier: TSESTree.Identifier, role: Role, depth: number): Stability {
    const variable = this.#values.variableOf(identifier);
    if (!variable) return identifier.name === 'undefined' ? 'stable' : 'mutable';
    const [definition] = variable.defs;
    if (!definition) return 'mutable';
    if (reassigned(variable)) return role === 'function' || this.#resolvesToPrimitives(identifier) ? 'fixed' : 'mutable';
    switch (definition.type) {
      case 'ImportBinding':
        // A live binding: the module that exports it may change what it holds.
        return role === 'function' || this.#resolvesToPrimitives(identifier) ? 'stable' : 'mutable';
      case 'FunctionName':
      case 'ClassName':
        return 'stable';
      case 'Parameter':
        if (role === 'function') return 'stable';
        return hasPrimitiveType(definition.name) ? 'stable' : 'mutable';
      case 'Variable': {
        if (role === 'function') return 'stable';
        if (this.#ownedLiteral(identifier, depth)) return 'stable';
        const declarator = definition.node;
        if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || declarator.id !== definition.name) return 'mutable';
        // Evaluated once, never reassigned: a primitive it holds cannot change.
        const init = skipTransparentWrappers(declarator.init);
        return (yieldsPrimitive(init) && this.of(init, 'data', depth + 1) !== 'mutable') || this.#resolvesToPrimitives(identifier)
          ? 'stable'
          : 'mutable';
      }
      default:
        return 'mutable';
    }
  }

  #member(member: TSESTree.MemberExpression, role: Role, depth: number): Stability {
    if (member.computed && this.#primitive(member.property, depth) !== 'stable') return this.#readOnce(member, role);
    const object = skipTransparentWrappers(member.object);
    // A property of an object literal that nothing changes reads the same each time.
    if (object.type === AST_NODE_TYPES.Identifier && this.#ownedLiteral(object, depth)) return 'stable';
    // `this.host` of `constructor(private readonly host: string)`: TypeScript lets nothing change it.
    if (object.type === AST_NODE_TYPES.ThisExpression && !member.computed && readonlyPrimitiveMember(member)) return 'stable';
    // `this.onError`: a method of the class, and nothing in it assigns anything else there.
    if (object.type === AST_NODE_TYPES.ThisExpression && role === 'function' && this.#resolvesToMethods(member)) return 'stable';
    return this.#readOnce(member, role);
  }

  /** A variable, never reassigned, holding an object or array literal (or a new URL) of stable parts that nothing changes. */
  #ownedLiteral(identifier: TSESTree.Identifier, depth: number): boolean {
    const variable = this.#values.variableOf(identifier);
    const definition = variable?.defs[0];
    if (!variable || definition?.type !== 'Variable') return false;
    if (reassigned(variable)) return false;
    const declarator = definition.node;
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || declarator.id !== definition.name) return false;
    const init = skipTransparentWrappers(declarator.init);
    const literal =
      ((init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.ArrayExpression) &&
        this.of(init, 'data', depth + 1) === 'stable') ||
      (init.type === AST_NODE_TYPES.NewExpression && FRESH_OBJECTS.has(calleePath(init.callee).join('.')) &&
        init.arguments.every((argument) => this.of(argument, 'data', depth + 1) === 'stable'));
    return literal && this.#owned(variable);
  }

  #readOnce(node: TSESTree.Node, role: Role): Stability {
    return role === 'function' || this.#resolvesToPrimitives(node) ? 'fixed' : 'mutable';
  }

  #call(call: TSESTree.CallExpression, role: Role, depth: number): Stability {
    if (PURE_CALLS.has(calleePath(call.callee).join('.')) && call.arguments.every((argument) => this.#primitive(argument, depth) === 'stable')) {
      return 'stable';
    }
    if (yieldsPrimitive(call) || this.#returnsPrimitives(call)) return 'fixed';
    return role === 'function' || this.#resolvesToPrimitives(call) ? 'fixed' : 'mutable';
  }

  /** A call of a function of this file whose every `return` gives a primitive (`frame(event)` returning `JSON.stringify(...)`). */
  #returnsPrimitives(call: TSESTree.CallExpression): boolean {
    const called = this.#values.resolve(call.callee);
    return (
      called.length > 0 &&
      called.every((value) => {
        if (value.kind !== 'function') return false;
        const returned = returnedExpressions(value.node);
        return returned.length > 0 && returned.every(yieldsPrimitive);
      })
    );
  }

  #resolvesToMethods(node: TSESTree.Node): boolean {
    const values = this.#values.resolve(node);
    return values.length > 0 && values.every((value) => value.kind === 'function' && value.node.parent?.type === AST_NODE_TYPES.MethodDefinition);
  }

  /** Known primitives only: the resolver's `string` kind without a literal value may be a `URL`. */
  #resolvesToPrimitives(node: TSESTree.Node): boolean {
    const values = this.#values.resolve(node);
    return values.length > 0 && values.every((value) => (value.kind === 'string' && value.value !== undefined) || value.kind === 'constant');
  }

  /** No name in the expression is ever reassigned (`http` of `http.get`, `secure` of `(secure ? https : http)`). */
  #readsOnlyConstants(node: TSESTree.Node): boolean {
    for (const inner of readIdentifiers(node)) {
      const variable = this.#values.variableOf(inner);
      if (variable && reassigned(variable)) return false;
    }
    return true;
  }

  /**
   * An object or array literal held by a variable that is never changed or
   * handed to anything but the request: its contents stay as declared.
   */
  #owned(variable: HostVariable): boolean {
    const cached = this.#ownedCache.get(variable);
    if (cached !== undefined) return cached;
    this.#ownedCache.set(variable, false);
    const verdict = variable.references.every((reference) => reference.init || this.#plainRead(reference.identifier));
    this.#ownedCache.set(variable, verdict);
    return verdict;
  }

  #plainRead(identifier: TSESTree.Node): boolean {
    let current: TSESTree.Node = identifier;
    let member = false;
    for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
        member = true;
        continue;
      }
      if (
        parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        (!member &&
          (parent.type === AST_NODE_TYPES.Property ||
            parent.type === AST_NODE_TYPES.ObjectExpression ||
            parent.type === AST_NODE_TYPES.ArrayExpression ||
            parent.type === AST_NODE_TYPES.SpreadElement))
      ) {
        continue;
      }
      break;
    }
    const parent = current.parent;
    if (!parent) return true;
    switch (parent.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        // Handed to the request itself, which does not change it. A method called on it, or a function given it, may.
        return this.#siteCalls.has(parent) && parent.callee !== current && !member;
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        return parent.right === current;
      // A property read used as a value here (`options.path` in a log line, a test): nothing keeps hold of it.
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.ExpressionStatement:
        return member;
      case AST_NODE_TYPES.UnaryExpression:
        return member && parent.operator !== 'delete';
      case AST_NODE_TYPES.ConditionalExpression:
        return member && parent.test === current;
      default:
        // Anything else may keep hold of it, or of what it holds (`const h = options.headers`, `return options`).
        return false;
    }
  }
}

/** An expression whose value is a primitive, whatever it reads: a string, a number, a boolean. */
function yieldsPrimitive(node: TSESTree.Node): boolean {
  const inner = skipTransparentWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Literal:
      return !('regex' in inner && inner.regex);
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return inner.operator !== 'delete';
    case AST_NODE_TYPES.LogicalExpression:
      return yieldsPrimitive(inner.left) && yieldsPrimitive(inner.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return yieldsPrimitive(inner.consequent) && yieldsPrimitive(inner.alternate);
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTransparentWrappers(inner.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberPropertyName(callee) : undefined;
      // A name or `object.name`, as the list holds them: `randomUUID` also for `crypto.randomUUID`.
      const path = calleePath(inner.callee);
      const name = path.length <= 2 && path[0] !== 'this' ? path.join('.') : '';
      return PRIMITIVE_CALLS.has(name) || PRIMITIVE_CALLS.has(name.split('.').at(-1) ?? '') || (method !== undefined && PRIMITIVE_METHODS.has(method));
    }
    default:
      return false;
  }
}

/** `this.name` where the class declares `name` readonly with a primitive type (a field or a parameter property). */
function readonlyPrimitiveMember(member: TSESTree.MemberExpression): boolean {
  const name = memberPropertyName(member);
  const owner = thisClass(member);
  if (!owner || name === undefined) return false;
  for (const element of owner.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && !element.static && staticKeyName(element.key, false) === name) {
      return element.readonly && element.typeAnnotation !== undefined && hasPrimitiveType({ ...element.key, typeAnnotation: element.typeAnnotation } as TSESTree.Node);
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const parameter of element.value.params) {
        if (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.readonly && parameter.parameter.type === AST_NODE_TYPES.Identifier && parameter.parameter.name === name) {
          return hasPrimitiveType(parameter.parameter);
        }
      }
    }
  }
  return false;
}

/** The identifiers `node` reads: not the property names of `a.b` or `{ b: 1 }`. */
export function readIdentifiers(node: TSESTree.Node): TSESTree.Identifier[] {
  return [...descendants(node)].filter((inner): inner is TSESTree.Identifier => {
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    const parent = inner.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === inner && !parent.computed) return false;
    if (parent?.type === AST_NODE_TYPES.Property && parent.key === inner && !parent.computed && !parent.shorthand) return false;
    return true;
  });
}

/** A TypeScript parameter declared as a primitive (`id: string`): it cannot be changed by anyone else. */
function hasPrimitiveType(name: TSESTree.Node): boolean {
  if (name.type !== AST_NODE_TYPES.Identifier || !name.typeAnnotation) return false;
  const type = name.typeAnnotation.typeAnnotation;
  const primitive = (node: TSESTree.TypeNode): boolean =>
    node.type === AST_NODE_TYPES.TSStringKeyword ||
    node.type === AST_NODE_TYPES.TSNumberKeyword ||
    node.type === AST_NODE_TYPES.TSBooleanKeyword ||
    node.type === AST_NODE_TYPES.TSLiteralType ||
    node.type === AST_NODE_TYPES.TSUndefinedKeyword ||
    node.type === AST_NODE_TYPES.TSNullKeyword ||
    (node.type === AST_NODE_TYPES.TSUnionType && node.types.every(primitive));
  return primitive(type);
}
