import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { type AbstractValue, type ModuleOrigin, type PropertyLookup, unknownValue } from './abstract-value.js';
import { staticKeyName, staticLiteralValue } from '../ast/predicates.js';
import { clientPackageOf } from '../clients/index.js';
import type { AnalysisHost, ImportedDeclaration } from '../host.js';
import { AGENTKEEPALIVE, type HttpModuleName, REQUEST_FUNCTIONS, httpModuleOf } from '../modules.js';

/**
 * Values across modules: what `require('x')` or `import … from 'x'` gives,
 * what Node's modules export, and, with type information, the value of an
 * imported binding where the other module declares it.
 */

/** What the file's resolver offers the import rules below. */
export interface ImportReader {
  lookupOnValue(value: AbstractValue, name: string): PropertyLookup;
  /** `undefined` when the host cannot see the module (no type information). */
  valuesInAnotherModule(binding: TSESTree.Identifier, exportName?: string): AbstractValue[] | undefined;
}

/** The module a specifier names: `http`/`https`, agentkeepalive, a client package, or another module, unseen. */
export function moduleValue(source: TSESTree.Node): AbstractValue[] {
  const specifier = staticLiteralValue(source);
  if (typeof specifier !== 'string') return [unknownValue];
  const module = httpModuleOf(specifier);
  if (module) return [{ kind: 'http-module', module }];
  if (specifier === AGENTKEEPALIVE) return [{ kind: 'agentkeepalive-module' }];
  const client = clientPackageOf(specifier);
  if (client) return [{ kind: 'client', client, path: [] }];
  return [{ kind: 'imported', specifier, module: true }];
}

/** `http.request`, `https.Agent`, `http.globalAgent`, … */
export function httpModuleExport(module: HttpModuleName, name: string): AbstractValue {
  if (REQUEST_FUNCTIONS.has(name)) return { kind: 'request-function', module, method: name };
  if (name === 'Agent') return { kind: 'agent-class', flavor: module };
  if (name === 'ClientRequest' && module === 'http') return { kind: 'client-request-class' };
  if (name === 'globalAgent') return { kind: 'global-agent', module };
  if (name === 'default') return { kind: 'http-module', module };
  return unknownValue;
}

/** agentkeepalive's default export is `HttpAgent`; `HttpsAgent` beside it. */
export function agentkeepaliveExport(name: string): AbstractValue {
  if (name === 'HttpAgent' || name === 'HttpsAgent' || name === 'default') {
    return { kind: 'agent-class', flavor: 'agentkeepalive' };
  }
  return unknownValue;
}

/** The values of an import binding: `import x from`, `import { x } from`, `import * as x from`, `import x = require()`. */
export function importBindingValues(node: TSESTree.Node, reader: ImportReader): AbstractValue[] {
  if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    if (node.importKind === 'type') return [unknownValue];
    const reference = node.moduleReference;
    if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference) return [unknownValue];
    const values = moduleValue(reference.expression);
    const imported = values.find((value) => value.kind === 'imported');
    // `import agent = require('./agent')` of a module that does `export = agent`, or a module object.
    return imported ? (reader.valuesInAnotherModule(node.id) ?? [{ ...imported, binding: node.id }]) : values;
  }
  const declaration = node.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') {
    return [unknownValue];
  }
  const moduleValues = moduleValue(declaration.source);
  const imported = moduleValues.find((value) => value.kind === 'imported');
  if (imported) {
    if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return [{ ...imported, binding: node.local }];
    if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier || node.type === AST_NODE_TYPES.ImportSpecifier) {
      if (node.type === AST_NODE_TYPES.ImportSpecifier && node.importKind === 'type') return [unknownValue];
      return reader.valuesInAnotherModule(node.local) ?? [{ kind: 'imported', specifier: imported.specifier }];
    }
    return [unknownValue];
  }
  switch (node.type) {
    case AST_NODE_TYPES.ImportDefaultSpecifier:
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return moduleValues;
    case AST_NODE_TYPES.ImportSpecifier: {
      if (node.importKind === 'type') return [unknownValue];
      const name = staticKeyName(node.imported, false);
      if (name === undefined) return [unknownValue];
      return moduleValues.flatMap((value) => reader.lookupOnValue(value, name).values);
    }
    default:
      return [unknownValue];
  }
}

/**
 * The resolvers of the modules one analysis reads: the analysed file's
 * (`main`), and one for each other module a value was read from.
 */
export class ModuleGraph<Resolver> {
  readonly main: Resolver;
  readonly #byHost = new Map<AnalysisHost, Resolver>();
  readonly #byProgram = new Map<TSESTree.Node, Resolver>();

  constructor(main: Resolver, host: AnalysisHost) {
    this.main = main;
    this.#byHost.set(host, main);
  }

  /**
   * Values carry nodes (an object, a function) of the module they come from,
   * and only that module's resolver knows their scopes. With one module (no
   * type information) that is always `self`.
   */
  ownerOf(node: TSESTree.Node, self: Resolver): Resolver {
    if (this.#byProgram.size === 0) return self;
    return this.#byProgram.get(programOf(node)) ?? this.main;
  }

  /** The resolver of the module that declares `declaration`, made once. */
  resolverOf(declaration: ImportedDeclaration, create: (host: AnalysisHost, origin: ModuleOrigin) => Resolver): Resolver {
    let resolver = this.#byHost.get(declaration.host);
    if (!resolver) {
      resolver = create(declaration.host, { fileName: declaration.fileName, sourceText: declaration.host.sourceText });
      this.#byHost.set(declaration.host, resolver);
      this.#byProgram.set(programOf(declaration.node), resolver);
    }
    return resolver;
  }
}

function programOf(node: TSESTree.Node): TSESTree.Node {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}
