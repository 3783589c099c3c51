import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { type ClassNode, type FunctionNode, isFunction, isTransparentWrapper, memberPropertyName, outermostWrapper, staticKeyName, staticLiteralValue, UNKNOWN } from './ast/predicates.js';
import { descendants, returnedExpressions, thisClass } from './ast/walk.js';
import type { AnalysisHost, HostDefinition, HostVariable } from './host.js';
import { AGENTKEEPALIVE, type ClientPackage, type HttpModuleName, REQUEST_FUNCTIONS, clientPackageOf, httpModuleOf } from './modules.js';

export type AgentFlavor = 'http' | 'https' | 'agentkeepalive';

/**
 * What an expression can evaluate to, as far as this analysis cares. An
 * expression may have several (a conditional, a variable assigned twice).
 */
export type AbstractValue =
  | { readonly kind: 'http-module'; readonly module: HttpModuleName }
  | { readonly kind: 'agentkeepalive-module' }
  | { readonly kind: 'request-function'; readonly module: HttpModuleName; readonly method: string }
  | { readonly kind: 'client-request-class' }
  | { readonly kind: 'agent-class'; readonly flavor: AgentFlavor }
  | {
      readonly kind: 'agent';
      readonly flavor: AgentFlavor;
      /** `undefined`: it depends on a value we cannot see. */
      readonly keepAlive: boolean | undefined;
      /** The `new Agent(...)` (or call) that created it. */
      readonly creation: TSESTree.CallExpression | TSESTree.NewExpression;
      /** The module it was created in, when that is not the analysed file. */
      readonly origin?: ModuleOrigin;
    }
  | { readonly kind: 'global-agent'; readonly module: HttpModuleName }
  /**
   * Something reached from an HTTP client package: the package (`path` empty),
   * a member of it (`['create']`, `['interceptors', 'response', 'use']`), or
   * the same of an instance it made (`instance`: the `axios.create(...)` or
   * `got.extend(...)` call; `undefined` for the package's default instance).
   */
  | {
      readonly kind: 'client';
      readonly client: ClientPackage;
      readonly path: readonly string[];
      readonly instance?: TSESTree.CallExpression;
    }
  /** An undici dispatcher (`new Agent()`, `new Pool()`); `retry` once wrapped in `RetryAgent` or composed with `interceptors.retry()`. */
  | { readonly kind: 'dispatcher'; readonly retry: boolean; readonly creation: TSESTree.CallExpression | TSESTree.NewExpression }
  | { readonly kind: 'array'; readonly node: TSESTree.ArrayExpression }
  | { readonly kind: 'object'; readonly node: TSESTree.ObjectExpression }
  | { readonly kind: 'function'; readonly node: FunctionNode }
  /** A string (or URL); `value` when it is a literal. */
  | { readonly kind: 'string'; readonly value?: string }
  | { readonly kind: 'constant'; readonly value: unknown }
  /**
   * A value from a module other than the ones above, which this file does not
   * show: the module object itself (`module`: `require('./agents')`,
   * `import * as agents`), whose properties are its exports, or one of its
   * exports. `binding` names the module object where an import does
   * (`agents`), for a host with type information to find its exports.
   */
  | {
      readonly kind: 'imported';
      readonly specifier: string;
      readonly module?: boolean;
      readonly binding?: TSESTree.Identifier;
    }
  | { readonly kind: 'unknown' };

/** The resolvers of the modules one analysis reads: the analysed file's (`main`), and those of other modules. */
interface ModuleResolvers {
  readonly main: ValueResolver;
  readonly byHost: Map<AnalysisHost, ValueResolver>;
  readonly byProgram: Map<TSESTree.Node, ValueResolver>;
}

function programOf(node: TSESTree.Node): TSESTree.Node {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

/** Another module the analysis read a value from (with type information only). */
export interface ModuleOrigin {
  readonly fileName: string;
  readonly sourceText: string;
}

const unknownValue: AbstractValue = { kind: 'unknown' };
const stringValue: AbstractValue = { kind: 'string' };
const undefinedValue: AbstractValue = { kind: 'constant', value: undefined };

/** A property read from an object value: its possible values, and whether it may be missing. */
export interface PropertyLookup {
  readonly values: readonly AbstractValue[];
  readonly mayBeAbsent: boolean;
}

const ABSENT: PropertyLookup = { values: [], mayBeAbsent: true };
const UNKNOWN_LOOKUP: PropertyLookup = { values: [unknownValue], mayBeAbsent: true };

/**
 * Evaluates expressions to `AbstractValue`s through the host's scope
 * information. One instance serves one file; every result is cached, so each
 * node and each variable is resolved once however many call sites ask.
 */
export class ValueResolver {
  readonly #host: AnalysisHost;
  readonly #nodeCache = new Map<TSESTree.Node, readonly AbstractValue[]>();
  readonly #variableCache = new Map<HostVariable, readonly AbstractValue[]>();
  readonly #classMembers = new Map<ClassNode, Map<string, TSESTree.Node[]>>();
  /** Property name → node → lookup. */
  readonly #lookupCache = new Map<string, Map<TSESTree.Node, PropertyLookup>>();
  readonly #inProgress = new Set<object>();
  readonly #origin: ModuleOrigin | undefined;
  readonly #modules: ModuleResolvers;

  constructor(host: AnalysisHost, origin?: ModuleOrigin, modules?: ModuleResolvers) {
    this.#host = host;
    this.#origin = origin;
    this.#modules = modules ?? { main: this, byHost: new Map(), byProgram: new Map() };
    this.#modules.byHost.set(host, this);
  }

  get host(): AnalysisHost {
    return this.#host;
  }

  resolve(node: TSESTree.Node): readonly AbstractValue[] {
    const owner = this.#ownerOf(node);
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
    const owner = this.#ownerOf(identifier);
    if (owner !== this) return owner.variableOf(identifier);
    const variable = this.#host.findVariable(identifier);
    return variable && variable.defs.length > 0 ? variable : null;
  }

  /** Looks up `name` on every value of `node` (an options object, usually). */
  lookupProperty(node: TSESTree.Node, name: string): PropertyLookup {
    const owner = this.#ownerOf(node);
    if (owner !== this) return owner.lookupProperty(node, name);
    let cache = this.#lookupCache.get(name);
    if (!cache) this.#lookupCache.set(name, (cache = new Map()));
    const cached = cache.get(node);
    if (cached) return cached;
    // `options.headers = { ...options.headers }` refers to itself: what it may add is unknown.
    cache.set(node, UNKNOWN_LOOKUP);
    const lookups = this.resolve(node).map((value) => this.#lookupOnValue(value, name));
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
        return this.#moduleValue(node.source);
      case AST_NODE_TYPES.ObjectExpression:
        return [{ kind: 'object', node }];
      case AST_NODE_TYPES.ArrayExpression:
        return [{ kind: 'array', node }];
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return [{ kind: 'function', node }];
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
        for (const key of path) values = values.flatMap((value) => this.#lookupOnValue(value, key).values);
        return values.length > 0 ? [...values] : [unknownValue];
      }
      case 'ImportBinding':
        return this.#importedValues(node);
      case 'FunctionName':
        return isFunction(node) ? [{ kind: 'function', node }] : [unknownValue];
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

  #importedValues(node: TSESTree.Node): AbstractValue[] {
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      if (node.importKind === 'type') return [unknownValue];
      const reference = node.moduleReference;
      if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference) return [unknownValue];
      const values = this.#moduleValue(reference.expression);
      const imported = values.find((value) => value.kind === 'imported');
      // `import agent = require('./agent')` of a module that does `export = agent`, or a module object.
      return imported ? (this.#valuesInAnotherModule(node.id) ?? [{ ...imported, binding: node.id }]) : values;
    }
    const declaration = node.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') {
      return [unknownValue];
    }
    const moduleValues = this.#moduleValue(declaration.source);
    const imported = moduleValues.find((value) => value.kind === 'imported');
    if (imported) {
      if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return [{ ...imported, binding: node.local }];
      if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier || node.type === AST_NODE_TYPES.ImportSpecifier) {
        if (node.type === AST_NODE_TYPES.ImportSpecifier && node.importKind === 'type') return [unknownValue];
        return this.#valuesInAnotherModule(node.local) ?? [{ kind: 'imported', specifier: imported.specifier }];
      }
      return [unknownValue];
    }
    switch (node.type) {
      case AST_NODE_TYPES.ImportDefaultSpecifier:
      case AST_NODE_TYPES.ImportNamespaceSpecifier:
        return moduleValues;
      case AST_NODE_TYPES.ImportSpecifier: {
        if (node.importKind === 'type') return [unknownValue];
        const imported = staticKeyName(node.imported, false);
        if (imported === undefined) return [unknownValue];
        return moduleValues.flatMap((value) => this.#lookupOnValue(value, imported).values);
      }
      default:
        return [unknownValue];
    }
  }

  #moduleValue(source: TSESTree.Node): AbstractValue[] {
    const specifier = staticLiteralValue(source);
    if (typeof specifier !== 'string') return [unknownValue];
    const module = httpModuleOf(specifier);
    if (module) return [{ kind: 'http-module', module }];
    if (specifier === AGENTKEEPALIVE) return [{ kind: 'agentkeepalive-module' }];
    const client = clientPackageOf(specifier);
    if (client) return [{ kind: 'client', client, path: [] }];
    return [{ kind: 'imported', specifier, module: true }];
  }

  /**
   * The values of an imported binding (or of `exportName` read through a
   * namespace import), read where the other module declares it; `undefined`
   * when the host cannot see that module (no type information).
   */
  #valuesInAnotherModule(binding: TSESTree.Identifier, exportName?: string): AbstractValue[] | undefined {
    const declaration = this.#host.findImportedDeclaration?.(binding, exportName);
    if (!declaration) return undefined;
    let resolver = this.#modules.byHost.get(declaration.host);
    if (!resolver) {
      resolver = new ValueResolver(
        declaration.host,
        { fileName: declaration.fileName, sourceText: declaration.host.sourceText },
        this.#modules,
      );
      this.#modules.byProgram.set(programOf(declaration.node), resolver);
    }
    return [...resolver.resolve(declaration.node)];
  }

  /**
   * Values carry nodes (an object, a function) of the module they come from,
   * and only that module's resolver knows their scopes. With one module (no
   * type information) that is always this one.
   */
  #ownerOf(node: TSESTree.Node): ValueResolver {
    if (this.#modules.byProgram.size === 0) return this;
    return this.#modules.byProgram.get(programOf(node)) ?? this.#modules.main;
  }

  #evaluateMember(node: TSESTree.MemberExpression): AbstractValue[] {
    const name = memberPropertyName(node);
    if (name === undefined) return [unknownValue];
    if (node.object.type === AST_NODE_TYPES.ThisExpression) {
      const assigned = this.#classMemberValues(node, name);
      return assigned ?? [unknownValue];
    }
    const values = this.resolve(node.object).flatMap((value) => this.#lookupOnValue(value, name).values);
    values.push(...this.#assignedMembers(node.object, name));
    return values.length > 0 ? values : [undefinedValue];
  }

  /** `require('http')`, `Agent({...})` without `new`, `fn.bind(x)`. */
  #evaluateCall(node: TSESTree.CallExpression): AbstractValue[] {
    const { callee } = node;
    if (this.isRequireCall(node)) {
      const [source] = node.arguments;
      return source ? this.#moduleValue(source) : [unknownValue];
    }
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      memberPropertyName(callee) === 'bind'
    ) {
      return this.resolve(callee.object).filter((value) => value.kind === 'function');
    }
    const clientValues = this.#clientCallValues(node);
    if (clientValues.length > 0) return clientValues;
    return this.#evaluateConstruction(node);
  }

  /**
   * What calls into a client package return, where it matters: an axios or
   * got instance, a superagent request (every call of one returns it again),
   * undici's retry interceptor, a dispatcher composed with it.
   */
  #clientCallValues(node: TSESTree.CallExpression): AbstractValue[] {
    const values: AbstractValue[] = [];
    const { callee } = node;
    if (callee.type === AST_NODE_TYPES.MemberExpression && memberPropertyName(callee) === 'compose') {
      const addsRetry = node.arguments.some((argument) =>
        this.resolve(argument).some((value) => value.kind === 'client' && value.path.join('.') === RETRY_INTERCEPTOR),
      );
      for (const value of this.resolve(callee.object)) {
        if (value.kind === 'dispatcher') values.push({ ...value, retry: value.retry || addsRetry });
      }
      return values;
    }
    for (const value of this.resolve(callee)) {
      if (value.kind !== 'client') continue;
      const path = value.path.join('.');
      if ((value.client === 'axios' && path === 'create') || (value.client === 'got' && path === 'extend')) {
        values.push({ kind: 'client', client: value.client, path: [], instance: node });
      } else if (value.client === 'superagent') {
        values.push({ kind: 'client', client: 'superagent', path: [] });
      } else if (value.client === 'undici' && path === 'interceptors.retry') {
        values.push({ kind: 'client', client: 'undici', path: [RETRY_INTERCEPTOR] });
      }
    }
    return values;
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
      const dispatcher = undiciDispatcher(callee, node);
      if (dispatcher) values.push(dispatcher);
      const flavor = agentClassFlavor(callee);
      if (!flavor) continue;
      const agent = { kind: 'agent', flavor, keepAlive: this.#agentKeepAlive(node, flavor), creation: node } as const;
      values.push(this.#origin ? { ...agent, origin: this.#origin } : agent);
    }
    if (values.length > 0) return values;
    if (node.type === AST_NODE_TYPES.NewExpression && this.isGlobal(node.callee, 'URL')) return [stringValue];
    return [unknownValue];
  }

  /** Core agents keep sockets alive only with `keepAlive: true`; agentkeepalive unless `keepAlive: false`. */
  #agentKeepAlive(
    creation: TSESTree.CallExpression | TSESTree.NewExpression,
    flavor: AgentFlavor,
  ): boolean | undefined {
    const byDefault = flavor === 'agentkeepalive';
    const [options] = creation.arguments;
    if (!options) return byDefault;
    if (options.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const lookup = this.lookupProperty(options, 'keepAlive');
    const settings = lookup.values.map((value) => (value.kind === 'constant' ? Boolean(value.value) : undefined));
    if (lookup.mayBeAbsent) settings.push(byDefault);
    // As with agents, a branch that turns keep-alive on is enough.
    if (settings.includes(true)) return true;
    return settings.every((setting) => setting === false) ? false : undefined;
  }

  #lookupOnValue(value: AbstractValue, name: string): PropertyLookup {
    switch (value.kind) {
      case 'http-module':
        return { values: [httpModuleExport(value.module, name)], mayBeAbsent: false };
      case 'agentkeepalive-module':
        return { values: [agentkeepaliveExport(name)], mayBeAbsent: false };
      case 'object':
        return this.#lookupOnObject(value.node, name);
      case 'constant':
        return value.value === undefined || value.value === null ? ABSENT : { values: [unknownValue], mayBeAbsent: true };
      case 'client':
        if (name === 'default' && value.path.length === 0) return { values: [value], mayBeAbsent: false };
        // Deep enough for `axios.interceptors.response.use`.
        return value.path.length < 3 ? { values: [{ ...value, path: [...value.path, name] }], mayBeAbsent: false } : UNKNOWN_LOOKUP;
      case 'imported': {
        // `agents.keepAlive` of a module object: an export of that module. Of an export's value, unknown.
        if (!value.module) return UNKNOWN_LOOKUP;
        const exported = value.binding && this.#valuesInAnotherModule(value.binding, name);
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

  /**
   * Values of `this.name` inside a class: its field initialiser and every
   * `this.name = value` in its methods. `undefined` when `this` is not the
   * class instance (a plain function) or the class never sets the member.
   */
  #classMemberValues(member: TSESTree.MemberExpression, name: string): AbstractValue[] | undefined {
    const owner = thisClass(member);
    if (!owner) return undefined;
    const sources = this.#membersOf(owner).get(name);
    if (!sources) return undefined;
    return sources.flatMap((source) => (isFunction(source) ? [{ kind: 'function', node: source } as const] : this.resolve(source)));
  }

  /** Member name → the expressions assigned to it (methods map to their function). */
  #membersOf(owner: ClassNode): Map<string, TSESTree.Node[]> {
    const cached = this.#classMembers.get(owner);
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
    this.#classMembers.set(owner, members);
    return members;
  }
}

function httpModuleExport(module: HttpModuleName, name: string): AbstractValue {
  if (REQUEST_FUNCTIONS.has(name)) return { kind: 'request-function', module, method: name };
  if (name === 'Agent') return { kind: 'agent-class', flavor: module };
  if (name === 'ClientRequest' && module === 'http') return { kind: 'client-request-class' };
  if (name === 'globalAgent') return { kind: 'global-agent', module };
  if (name === 'default') return { kind: 'http-module', module };
  return unknownValue;
}

function agentkeepaliveExport(name: string): AbstractValue {
  if (name === 'HttpAgent' || name === 'HttpsAgent' || name === 'default') {
    return { kind: 'agent-class', flavor: 'agentkeepalive' };
  }
  return unknownValue;
}

/** What `interceptors.retry(...)` of undici gives: a path no member can have. */
const RETRY_INTERCEPTOR = 'interceptors.retry()';

/** undici's classes that pool keep-alive connections, and the one that retries for them. */
const UNDICI_DISPATCHERS: ReadonlySet<string> = new Set(['Agent', 'Pool', 'BalancedPool', 'Client']);

function undiciDispatcher(
  callee: AbstractValue,
  creation: TSESTree.CallExpression | TSESTree.NewExpression,
): AbstractValue | undefined {
  if (callee.kind !== 'client' || callee.client !== 'undici' || callee.path.length !== 1) return undefined;
  const [name = ''] = callee.path;
  if (UNDICI_DISPATCHERS.has(name)) return { kind: 'dispatcher', retry: false, creation };
  if (name === 'RetryAgent') return { kind: 'dispatcher', retry: true, creation };
  return undefined;
}

type AgentValue = Extract<AbstractValue, { kind: 'agent' }>;

/** The first of `values` that is an agent certainly keeping sockets alive. */
export function findKeepAliveAgent(values: readonly AbstractValue[]): AgentValue | undefined {
  return values.find((value): value is AgentValue => value.kind === 'agent' && value.keepAlive === true);
}

function agentClassFlavor(value: AbstractValue): AgentFlavor | undefined {
  if (value.kind === 'agent-class') return value.flavor;
  if (value.kind === 'agentkeepalive-module') return 'agentkeepalive';
  return undefined;
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

function dedupe(values: readonly AbstractValue[]): AbstractValue[] {
  const seen: AbstractValue[] = [];
  for (const value of values) {
    if (!seen.some((other) => sameValue(other, value))) seen.push(value);
  }
  return seen;
}

function sameValue(a: AbstractValue, b: AbstractValue): boolean {
  if (a.kind !== b.kind) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return Object.keys(left).every((key) => Object.is(left[key], right[key]));
}
