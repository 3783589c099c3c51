import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { axios } from './axios.js';
import type { ClientAdvice, ClientContext, ClientLibrary, ClientSiteAt } from './client.js';
import { got } from './got.js';
import { nodeFetch } from './node-fetch.js';
import { superagent } from './superagent.js';
import { undici } from './undici.js';
import { memberPropertyName } from '../ast/predicates.js';
import type { GuardFinder } from '../guards.js';
import type { AbstractValue } from '../values/abstract-value.js';
import type { ValueResolver } from '../values/resolver.js';

/** The client libraries the analysis reads, in the order their sites are looked for. */
const CLIENTS = [axios, nodeFetch, got, superagent, undici] as const;

/** `'axios' | 'got' | …`: the client a finding names. */
export type ClientName = (typeof CLIENTS)[number]['name'];

/** How each client fails in the race, and what guards it. */
export const CLIENT_ADVICE: Readonly<Record<ClientName, ClientAdvice>> = Object.fromEntries(
  CLIENTS.map((client) => [client.name, client.advice]),
) as Record<ClientName, ClientAdvice>;

/** Package specifier → the client it belongs to (axios-retry belongs to axios). */
const BY_PACKAGE: ReadonlyMap<string, ClientLibrary> = new Map(
  CLIENTS.flatMap((client: ClientLibrary) => [...client.packages, ...(client.companions ?? [])].map((name) => [name, client] as const)),
);

/** The packages whose requests the analysis reads: a file importing none of them has no client request. */
export const CLIENT_REQUEST_PACKAGES: readonly string[] = CLIENTS.flatMap((client) => client.packages);

/** `'axios'` → `'axios'`, `'axios-retry'` → `'axios-retry'`; `undefined` for a package no client owns. */
export function clientPackageOf(specifier: string): string | undefined {
  return BY_PACKAGE.has(specifier) ? specifier : undefined;
}

/** A client's request sent through a keep-alive agent, with the client that sends it. */
export interface ClientSite extends ClientSiteAt {
  readonly client: ClientName;
}

/**
 * Finds, in one file, the places where a client library (and the global
 * `fetch`) is given an explicit keep-alive agent (or dispatcher) with nothing
 * that retries a reset on a reused socket. A client left on its default agent
 * is not reported.
 */
export class ClientSites {
  readonly #context: ClientContext;

  constructor(program: TSESTree.Program, values: ValueResolver, guards: GuardFinder) {
    this.#context = { program, values, guards };
  }

  /** The site `node` is, if any: the analysis asks this of every node in its one walk over the file. */
  siteAt(node: TSESTree.Node): ClientSite | undefined {
    if (node.type === AST_NODE_TYPES.CallExpression) return this.#callSite(node);
    if (node.type !== AST_NODE_TYPES.AssignmentExpression) return undefined;
    for (const client of CLIENTS) {
      const site = client.assignmentSite?.(node, this.#context);
      if (site) return { ...site, client: client.name };
    }
    return undefined;
  }

  #callSite(call: TSESTree.CallExpression): ClientSite | undefined {
    for (const client of CLIENTS) {
      const site = client.unboundCallSite?.(call, this.#context);
      if (site) return { ...site, client: client.name };
    }
    // Only member calls and plain names can be a client's; skip the rest before resolving anything.
    if (call.callee.type !== AST_NODE_TYPES.Identifier && call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    for (const value of this.#context.values.resolve(call.callee)) {
      if (value.kind !== 'client') continue;
      const client = BY_PACKAGE.get(value.client) as ClientLibrary<ClientName> | undefined;
      const site = client?.callSite?.(call, value, this.#context);
      if (client && site) return { ...site, client: client.name };
    }
    return undefined;
  }
}

/**
 * What a call into a client package returns, where it matters (an axios or
 * got instance, a superagent request, undici's retry interceptor, a
 * dispatcher composed with it); `[]` when none of the clients says.
 */
export function clientCallValues(call: TSESTree.CallExpression, values: ValueResolver): AbstractValue[] {
  const { callee } = call;
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberPropertyName(callee) : undefined;
  if (method !== undefined) {
    for (const client of CLIENTS as readonly ClientLibrary[]) {
      const returned = client.methodCallValues?.(call, method, values);
      if (returned) return returned;
    }
  }
  const returned: AbstractValue[] = [];
  for (const value of values.resolve(callee)) {
    if (value.kind === 'client') returned.push(...(BY_PACKAGE.get(value.client)?.callValues?.(call, value) ?? []));
  }
  return returned;
}

/** What `new X(...)` of a client's class makes, if it is one the analysis knows. */
export function clientConstructionValue(callee: AbstractValue, creation: TSESTree.CallExpression | TSESTree.NewExpression): AbstractValue | undefined {
  return callee.kind === 'client' ? BY_PACKAGE.get(callee.client)?.constructionValue?.(callee, creation) : undefined;
}
