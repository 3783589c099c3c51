import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import {
  ABSENT,
  type AbstractValue,
  type ModuleOrigin,
  type PropertyLookup,
  UNKNOWN_LOOKUP,
  dedupe,
  stringValue,
  undefinedValue,
  unknownValue,
} from './abstract-value.js';
import { ClassMembers, agentSuperclass, lookupStatic } from './class-members.js';
import { ModuleGraph, agentkeepaliveExport, httpModuleExport, importBindingValues, moduleValue } from './imports.js';
import { agentClassFlavor, agentKeepsAlive } from '../agents.js';
import { calleeName, calleePath } from '../ast/callee.js';
import { returnedExpressions } from '../ast/walk.js';
import { type FunctionNode, isClass, isFunction, isTransparentWrapper, memberPropertyName, outermostWrapper, staticKeyName, staticLiteralValue, UNKNOWN } from '../ast/predicates.js';
import { clientCallValues, clientConstructionValue } from '../clients/index.js';
import type { AnalysisHost, HostDefinition, HostVariable } from '../host.js';

/**
 * Evaluates expressions to `AbstractValue`s through the host's scope
 * information. One instance serves one file; every result is cached, so each
 * node and each variable is resolved once however many call sites ask.
 */
/** The helpers compilers put around `require(...)` for ES module interop. */
const INTEROP_HELPERS: ReadonlySet<string> = new Set([
  '__importStar',
  '__importDefault',
  '__toESM',
  '_interopRequireDefault',
  '_interopRequireWildcard',
]);

/** The values a function's result is followed for. */
const MADE_BY_FUNCTIONS: ReadonlySet<string> = new Set(['agent', 'dispatcher', 'http-module', 'request-function']);

export class ValueResolver {
  readonly #host: AnalysisHost;
  readonly #nodeCache = new Map<TSESTree.Node, readonly AbstractValue[]>();
  readonly #variableCache = new Map<HostVariable, readonly AbstractValue[]>();
  readonly #classMembers = new ClassMembers((node) => this.resolve(node));
  /** Property name → node → lookup. */
  readonly #lookupCache = new Map<string, Map<TSESTree.Node, PropertyLookup>>();
  readonly #inProgress = new Set<object>();
  readonly #origin: ModuleOrigin | undefined;
  readonly #modules: ModuleGraph<ValueResolver>;

  constructor(host: AnalysisHost, origin?: ModuleOrigin, modules?: ModuleGraph<ValueResolver>) {
    this.#host = host;
    this.#origin = origin;
    this.#modules = modules ?? new ModuleGraph<ValueResolver>(this, host);
  }

  get host(): AnalysisHost {
    return this.#host;
  }

  resolve(node: TSESTree.Node): readonly AbstractValue[] {
    const owner = this.#modules.ownerOf(node, this);
    if (owner !== this) return owner.resolve(node);
    const cached = this.#nodeCache.get(node);
    if (cached) return cached;
    if (this.#inProgress.has(node)) return [unknownValue];
    this.#inProgress.add(node);
    const values = dedupe(this.#evaluate(node));
    this.#inProgress.delete(node);
    this.#nodeCache.set(node, values);
    return values;
  }

  /** The variable an identifier refers to, if it is declared in the file. */
  variableOf(identifier: TSESTree.Identifier): HostVariable | null {
    const owner = this.#modules.ownerOf(identifier, this);
    if (owner !== this) return owner.variableOf(identifier);
    const variable = this.#host.findVariable(identifier);
    return variable && variable.defs.length > 0 ? variable : null;
  }

  /** Looks up `name` on every value of `node` (an options object, usually). */
  lookupProperty(node: TSESTree.Node, name: string): PropertyLookup {
    const owner = this.#modules.ownerOf(node, this);
    if (owner !== this) return owner.lookupProperty(node, name);
    let cache = this.#lookupCache.get(name);
    if (!cache) this.#lookupCache.set(name, (cache = new Map()));
    const cached = cache.get(node);
    if (cached) return cached;
    // `options.headers = { ...options.headers }` refers to itself: what it may add is unknown.
    cache.set(node, UNKNOWN_LOOKUP);
    const lookups = this.resolve(node).map((value) => this.lookupOnValue(value, name));
    const assigned = this.#assignedMembers(node, name);
    const result = {
      values: dedupe([...lookups.flatMap((lookup) => lookup.values), ...assigned]),
      mayBeAbsent: lookups.some((lookup) => lookup.mayBeAbsent) && assigned.length === 0,
    };
    cache.set(node, result);
    return result;
  }

  #evaluate(node: TSESTree.Node): AbstractValue[] {
    if (isTransparentWrapper(node)) return [...this.resolve(node.expression)];
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return [...this.resolve(node.argument)];
      case AST_NODE_TYPES.SequenceExpression: {
        const last = node.expressions.at(-1);
        return last ? [...this.resolve(last)] : [unknownValue];
      }
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? [...this.resolve(node.right)] : [unknownValue];
      case AST_NODE_TYPES.ConditionalExpression:
        return [...this.resolve(node.consequent), ...this.resolve(node.alternate)];
      case AST_NODE_TYPES.LogicalExpression:
        return [...this.resolve(node.left), ...this.resolve(node.right)];
      case AST_NODE_TYPES.Identifier:
        return this.#evaluateIdentifier(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.#evaluateMember(node);
      case AST_NODE_TYPES.CallExpression:
        return this.#evaluateCall(node);
      case AST_NODE_TYPES.NewExpression:
        return this.#evaluateConstruction(node);
      case AST_NODE_TYPES.ImportExpression:
        return moduleValue(node.source);
      case AST_NODE_TYPES.ObjectExpression:
        return [{ kind: 'object', node }];
      case AST_NODE_TYPES.ArrayExpression:
        return [{ kind: 'array', node }];
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return [{ kind: 'function', node }];
      case AST_NODE_TYPES.ClassExpression:
        return [{ kind: 'class', node }];
      case AST_NODE_TYPES.TemplateLiteral: {
        const value = staticLiteralValue(node);
        return [typeof value === 'string' ? { kind: 'string', value } : stringValue];
      }
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator === '+' &&
          [node.left, node.right].some((side) => this.resolve(side).some((value) => isStringLike(value)))
          ? [stringValue]
          : [unknownValue];
      default: {
        const value = staticLiteralValue(node);
        if (value === UNKNOWN) return [unknownValue];
        return [typeof value === 'string' ? { kind: 'string', value } : { kind: 'constant', value }];
      }
    }
  }

  #evaluateIdentifier(identifier: TSESTree.Identifier): AbstractValue[] {
    const variable = this.variableOf(identifier);
    if (!variable) return identifier.name === 'undefined' ? [undefinedValue] : [unknownValue];
    const cached = this.#variableCache.get(variable);
    if (cached) return [...cached];
    if (this.#inProgress.has(variable)) return [unknownValue];
    this.#inProgress.add(variable);
    const values = dedupe([
      ...variable.defs.flatMap((definition) => this.#definitionValues(definition)),
      ...this.#assignedValues(variable),
    ]);
    this.#inProgress.delete(variable);
    const result = values.length > 0 ? values : [undefinedValue];
    this.#variableCache.set(variable, result);
    return [...result];
  }

  #definitionValues(definition: HostDefinition): AbstractValue[] {
    const { node } = definition;
    switch (definition.type) {
      case 'Variable': {
        if (node.type !== AST_NODE_TYPES.VariableDeclarator) return [unknownValue];
        const loop = node.parent.parent;
        if (
          loop?.type === AST_NODE_TYPES.ForInStatement ||
          loop?.type === AST_NODE_TYPES.ForOfStatement
        ) {
          return [unknownValue];
        }
        // `declare const x: T` has a value, just not one written here.
        if (!node.init) return node.parent.declare ? [unknownValue] : [];
        if (node.id === definition.name) return [...this.resolve(node.init)];
        const path = patternPath(node.id, definition.name);
        if (!path) return [unknownValue];
        let values: readonly AbstractValue[] = this.resolve(node.init);
        for (const key of path) values = values.flatMap((value) => this.lookupOnValue(value, key).values);
        return values.length > 0 ? [...values] : [unknownValue];
      }
      case 'ImportBinding':
        return importBindingValues(node, this);
      case 'FunctionName':
        return isFunction(node) ? [{ kind: 'function', node }] : [unknownValue];
      case 'ClassName':
        return isClass(node) ? [{ kind: 'class', node }] : [unknownValue];
      default:
        return [unknownValue];
    }
  }

  /** Values given to the variable by `x = value` after its declaration. */
  #assignedValues(variable: HostVariable): AbstractValue[] {
    const values: AbstractValue[] = [];
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const parent = reference.identifier.parent;
      if (
        parent?.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.operator === '=' &&
        parent.left === reference.identifier
      ) {
        values.push(...this.resolve(parent.right));
      } else {
        values.push(unknownValue);
      }
    }
    return values;
  }

  /**
   * The values of an imported binding (or of `exportName` read through a
   * namespace import), read where the other module declares it; `undefined`
   * when the host cannot see that module (no type information).
   */
  valuesInAnotherModule(binding: TSESTree.Identifier, exportName?: string): AbstractValue[] | undefined {
    const declaration = this.#host.findImportedDeclaration?.(binding, exportName);
    if (!declaration) return undefined;
    const resolver = this.#modules.resolverOf(declaration, (host, origin) => new ValueResolver(host, origin, this.#modules));
    return [...resolver.resolve(declaration.node)];
  }

  /**
   * With type information, the calls of an exported function (named by
   * `binding`) in the program's other modules, each module then read as this
   * file is; `undefined` when they cannot all be known.
   */
  callsInOtherModules(binding: TSESTree.Identifier): TSESTree.CallExpression[] | undefined {
    const owner = this.#modules.ownerOf(binding, this);
    if (owner !== this) return owner.callsInOtherModules(binding);
    const calls = this.#host.findCallsInOtherModules?.(binding);
    if (!calls) return undefined;
    return calls.map((call) => {
      this.#modules.resolverOf(call, (host, origin) => new ValueResolver(host, origin, this.#modules));
      return call.node as TSESTree.CallExpression;
    });
  }

  #evaluateMember(node: TSESTree.MemberExpression): AbstractValue[] {
    const name = memberPropertyName(node);
    if (name === undefined) return node.computed ? this.#anyValueIn(node.object) : [unknownValue];
    if (node.object.type === AST_NODE_TYPES.ThisExpression) {
      const assigned = this.#classMembers.valuesOf(node, name);
      return assigned ?? [unknownValue];
    }
    const values = this.resolve(node.object).flatMap((value) => this.lookupOnValue(value, name).values);
    values.push(...this.#assignedMembers(node.object, name));
    return values.length > 0 ? values : [undefinedValue];
  }

  /** `require('http')`, `Agent({...})` without `new`, `fn.bind(x)`. */
  #evaluateCall(node: TSESTree.CallExpression): AbstractValue[] {
    const { callee } = node;
    if (this.isRequireCall(node)) {
      const [source] = node.arguments;
      return source ? moduleValue(source) : [unknownValue];
    }
    const [first] = node.arguments;
    if (first && first.type !== AST_NODE_TYPES.SpreadElement && this.#passesItsArgument(callee)) return [...this.resolve(first)];
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      memberPropertyName(callee) === 'bind'
    ) {
      return this.resolve(callee.object).filter((value) => value.kind === 'function');
    }
    const clientValues = clientCallValues(node, this);
    if (clientValues.length > 0) return clientValues;
    return this.#evaluateConstruction(node);
  }

  /** Whether `node` is `require('...')` with the global `require`. */
  isRequireCall(node: TSESTree.CallExpression): boolean {
    return this.isGlobal(node.callee, 'require') && node.arguments.length === 1;
  }

  /** Whether `node` is the global `name` (`require`, `URL`, `fetch`), not a binding of the file that hides it. */
  isGlobal(node: TSESTree.Node, name: string): boolean {
    return node.type === AST_NODE_TYPES.Identifier && node.name === name && this.variableOf(node) === null;
  }

  #evaluateConstruction(node: TSESTree.CallExpression | TSESTree.NewExpression): AbstractValue[] {
    const values: AbstractValue[] = [];
    for (const callee of this.resolve(node.callee)) {
      const made = clientConstructionValue(callee, node);
      if (made) values.push(made);
      if (callee.kind === 'function' && node.type === AST_NODE_TYPES.CallExpression) values.push(...this.#madeBy(callee.node));
      const subclass = callee.kind === 'class' ? agentSuperclass(callee.node, (node) => this.resolve(node)) : undefined;
      const flavor = subclass?.flavor ?? agentClassFlavor(callee);
      if (!flavor) continue;
      const configuredBy = subclass?.superCall;
      const keepAlive = agentKeepsAlive(configuredBy ?? node, flavor, this);
      const agent = { kind: 'agent', flavor, keepAlive, creation: node, ...(configuredBy ? { configuredBy } : {}) } as const;
      values.push(this.#origin ? { ...agent, origin: this.#origin } : agent);
    }
    if (values.length > 0) return values;
    if (node.type === AST_NODE_TYPES.NewExpression && this.isGlobal(node.callee, 'URL')) return [stringValue];
    return [unknownValue];
  }

  /**
   * Calls that give back what they are given, as far as a request cares:
   * `Object.freeze(options)`, `Object.seal(...)`, and the interop helpers of
   * compiled CommonJS (`__importStar(require('http'))`, `__importDefault`,
   * Babel's `_interopRequireDefault`, also as `tslib.__importStar` or
   * `(0, tslib_1.__importDefault)(...)`): Node's modules are CommonJS, and
   * `.default` of a module is the module here.
   */
  #passesItsArgument(callee: TSESTree.Node): boolean {
    const inner = callee.type === AST_NODE_TYPES.SequenceExpression ? (callee.expressions.at(-1) ?? callee) : callee;
    const path = calleePath(inner);
    if (path.length === 2 && path[0] === 'Object' && (path[1] === 'freeze' || path[1] === 'seal')) {
      return inner.type === AST_NODE_TYPES.MemberExpression && this.isGlobal(inner.object, 'Object');
    }
    const name = calleeName(inner);
    return name !== undefined && INTEROP_HELPERS.has(name);
  }

  /**
   * What a function of this file returns, where it matters to a request: an
   * agent or dispatcher it makes, or the module or request function it picks
   * (`const request = pick(url); request(opts, cb)`).
   */
  #madeBy(factory: FunctionNode): AbstractValue[] {
    const made = returnedExpressions(factory).flatMap((returned) => this.resolve(returned));
    return made.filter((value) => MADE_BY_FUNCTIONS.has(value.kind));
  }

  /**
   * `transports[url.protocol]`: a key that cannot be known, on an object
   * literal whose every value is `http`/`https` or their `request`/`get`,
   * may give any of them; on one whose every value is an agent
   * (`agents[url.protocol]`), any of them or none.
   */
  #anyValueIn(object: TSESTree.Node): AbstractValue[] {
    const found: AbstractValue[] = [];
    for (const value of this.resolve(object)) {
      if (value.kind !== 'object') return [unknownValue];
      for (const property of value.node.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init' || property.method) return [unknownValue];
        found.push(...this.resolve(property.value));
      }
    }
    if (found.length === 0) return [unknownValue];
    if (found.every((candidate) => candidate.kind === 'http-module' || candidate.kind === 'request-function')) return found;
    // A table of agents (`agents[url.protocol]`): any of them, or none for a key it does not have.
    if (found.every((candidate) => candidate.kind === 'agent')) return [...found, undefinedValue];
    return [unknownValue];
  }


  /** Looks up `name` on one value: an export of a module, a property of an object literal, a member of a client. */
  lookupOnValue(value: AbstractValue, name: string): PropertyLookup {
    switch (value.kind) {
      case 'http-module':
        return { values: [httpModuleExport(value.module, name)], mayBeAbsent: false };
      case 'agentkeepalive-module':
        return { values: [agentkeepaliveExport(name)], mayBeAbsent: false };
      case 'object':
        return this.#lookupOnObject(value.node, name);
      case 'class':
        return lookupStatic(value.node, name, (node) => this.resolve(node));
      case 'constant':
        return value.value === undefined || value.value === null ? ABSENT : { values: [unknownValue], mayBeAbsent: true };
      case 'client':
        if (name === 'default' && value.path.length === 0) return { values: [value], mayBeAbsent: false };
        // Deep enough for `axios.interceptors.response.use`.
        return value.path.length < 3 ? { values: [{ ...value, path: [...value.path, name] }], mayBeAbsent: false } : UNKNOWN_LOOKUP;
      case 'imported': {
        // `agents.keepAlive` of a module object: an export of that module. Of an export's value, unknown.
        if (!value.module) return UNKNOWN_LOOKUP;
        const exported = value.binding && this.valuesInAnotherModule(value.binding, name);
        return { values: exported ?? [{ kind: 'imported', specifier: value.specifier }], mayBeAbsent: false };
      }
      default:
        return { values: [unknownValue], mayBeAbsent: true };
    }
  }

  /** Later properties win over earlier ones; a spread may or may not bring the key. */
  #lookupOnObject(object: TSESTree.ObjectExpression, name: string): PropertyLookup {
    let result: PropertyLookup = ABSENT;
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.lookupProperty(property.argument, name);
        result = spread.mayBeAbsent
          ? { values: dedupe([...result.values, ...spread.values]), mayBeAbsent: result.mayBeAbsent }
          : spread;
        continue;
      }
      const key = staticKeyName(property.key, property.computed);
      if (key === undefined) {
        if (property.computed) result = { values: [...result.values, unknownValue], mayBeAbsent: result.mayBeAbsent };
        continue;
      }
      if (key !== name) continue;
      result =
        property.kind === 'init' && !property.method
          ? { values: this.resolve(property.value), mayBeAbsent: false }
          : { values: [unknownValue], mayBeAbsent: false };
    }
    return result;
  }

  /** `opts.agent = value` anywhere in the scope of the variable `opts`. */
  #assignedMembers(objectNode: TSESTree.Node, name: string): AbstractValue[] {
    if (objectNode.type !== AST_NODE_TYPES.Identifier) return [];
    const variable = this.variableOf(objectNode);
    if (!variable) return [];
    const values: AbstractValue[] = [];
    for (const reference of variable.references) {
      const member = outermostWrapper(reference.identifier).parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(member) !== name) continue;
      const assignment = member.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member) {
        values.push(...(assignment.operator === '=' ? this.resolve(assignment.right) : [unknownValue]));
      }
    }
    return values;
  }
}

function isStringLike(value: AbstractValue): boolean {
  return value.kind === 'string';
}

/** Keys from a destructuring pattern down to `target`; `undefined` through arrays or rest. */
function patternPath(pattern: TSESTree.Node, target: TSESTree.Node): string[] | undefined {
  if (pattern === target) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return patternPath(pattern.left, target);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const rest = patternPath(property.value, target);
    if (!rest) continue;
    const key = staticKeyName(property.key, property.computed);
    return key === undefined ? undefined : [key, ...rest];
  }
  return undefined;
}
