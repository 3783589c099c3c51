import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { findKeepAliveAgent } from '../agents.js';
import type { GuardFinder } from '../guards.js';
import type { AbstractValue, AgentValue, ClientValue, DispatcherValue, PropertyLookup } from '../values/abstract-value.js';
import type { ValueResolver } from '../values/resolver.js';

/**
 * One HTTP client library: the packages it is imported from, how it fails in
 * the race and what guards it (checked against a real server), what its calls
 * return, and where its requests are handed a keep-alive agent with nothing
 * that retries. Adding a client is one file like `axios.ts` and one line in
 * `index.ts`.
 */
export interface ClientLibrary<Name extends string = string> {
  readonly name: Name;
  /** The packages its requests are imported from; a file that names none of them in an import is not read for them. */
  readonly packages: readonly string[];
  /** Packages that only configure it (axios-retry): their values are read, but they are no reason to read a file. */
  readonly companions?: readonly string[];
  /** The rule's message and the codemod's reason say both. */
  readonly advice: ClientAdvice;
  /** What a call of one of its values returns, where it matters: an instance (`axios.create()`), a request, a retry interceptor. */
  callValues?(call: TSESTree.CallExpression, callee: ClientValue): AbstractValue[];
  /** What a call of `method` on a value the resolver cannot follow returns (undici's `dispatcher.compose(...)`); `undefined`: not its own. */
  methodCallValues?(call: TSESTree.CallExpression, method: string, values: ValueResolver): AbstractValue[] | undefined;
  /** What `new X(...)` of one of its classes makes (undici's dispatchers). */
  constructionValue?(callee: ClientValue, creation: TSESTree.CallExpression | TSESTree.NewExpression): AbstractValue | undefined;
  /** A request sent without importing the package (the global `fetch`). */
  unboundCallSite?(call: TSESTree.CallExpression, context: ClientContext): ClientSiteAt | undefined;
  /** A request at a call of one of its values (`callee`). */
  callSite?(call: TSESTree.CallExpression, callee: ClientValue, context: ClientContext): ClientSiteAt | undefined;
  /** An assignment that hands it an agent (`axios.defaults.httpAgent = agent`). */
  assignmentSite?(assignment: TSESTree.AssignmentExpression, context: ClientContext): ClientSiteAt | undefined;
}

export interface ClientAdvice {
  /** How a request fails in the race. */
  readonly error: string;
  /** What would count as guarded. */
  readonly guard: string;
}

/** What a client file is given to read one file. */
export interface ClientContext {
  readonly program: TSESTree.Program;
  readonly values: ValueResolver;
  readonly guards: GuardFinder;
}

/** Where a client library is handed a keep-alive agent and nothing retries a reset on a reused socket. */
export interface ClientSiteAt {
  /** The call (or, for `axios.defaults.httpAgent = …`, the assignment). */
  readonly node: TSESTree.Node;
  readonly report: { readonly range: readonly [number, number]; readonly loc: TSESTree.SourceLocation };
  /**
   * The keep-alive agent, or the undici dispatcher, the requests go through;
   * `'global'`: Node's global agent, reported only when it counts as keep-alive.
   */
  readonly agent: AgentValue | DispatcherValue | 'global';
  /** got only: the method is not idempotent, which is why got does not retry it. */
  readonly nonIdempotent: boolean;
}

/** The options of `client(options)` or `client(url, options)`, as axios and got take them. */
export function optionsOfUrlOrOptionsCall(call: TSESTree.CallExpression, values: ValueResolver): TSESTree.Node | undefined {
  const [first, second] = call.arguments;
  return first && values.resolve(first).some((candidate) => candidate.kind === 'object') ? first : second;
}

/** A keep-alive agent given under one of `names` (`httpAgent`, `httpsAgent`). */
export function keepAliveAgentIn(config: TSESTree.Node, names: readonly string[], values: ValueResolver): AgentValue | undefined {
  return findKeepAliveAgent(names.flatMap((name) => values.lookupProperty(config, name).values));
}

/** Looks `name` up in option layers, the one that wins first: the first layer that certainly has it ends the search. */
export function layeredLookup(values: ValueResolver, layers: readonly TSESTree.Node[], name: string): PropertyLookup {
  const found: AbstractValue[] = [];
  for (const layer of layers) {
    const lookup = values.lookupProperty(layer, name);
    found.push(...lookup.values);
    if (!lookup.mayBeAbsent) return { values: found, mayBeAbsent: false };
  }
  return { values: found, mayBeAbsent: true };
}

/** The options argument at `index`, unless it is missing or a spread. */
export function optionsArgument(call: TSESTree.CallExpression, index: number): TSESTree.Node | undefined {
  const options = call.arguments[index];
  return options && options.type !== AST_NODE_TYPES.SpreadElement ? options : undefined;
}
