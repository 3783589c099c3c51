import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { calleeName } from './ast/callee.js';
import { memberPropertyName, outermostWrapper, skipTransparentWrappers, staticKeyName } from './ast/predicates.js';
import type { KeepAliveAgent } from './finding.js';
import { type RequestNode, requestOptions } from './request-arguments.js';
import { requestChains, resolveEvents } from './request-chain.js';
import { requestMethods } from './http-methods.js';
import { excerpt } from './source-text.js';
import { type AbstractValue, type AgentFlavor, type AgentValue, type ImportedValue, type PropertyLookup, isAbsent } from './values/abstract-value.js';
import type { ValueResolver } from './values/resolver.js';

/**
 * How an agent is found and what makes it keep sockets alive: for the
 * requests of `no-unguarded-request` and the agents of `require-agent-timeout`.
 */

/** The first of `values` that is an agent certainly keeping sockets alive. */
export function findKeepAliveAgent(values: readonly AbstractValue[]): AgentValue | undefined {
  return values.find((value): value is AgentValue => value.kind === 'agent' && value.keepAlive === true);
}

/** `http.Agent`, `https.Agent`, agentkeepalive's classes (and its module, which is `HttpAgent`). */
export function agentClassFlavor(value: AbstractValue): AgentFlavor | undefined {
  if (value.kind === 'agent-class') return value.flavor;
  if (value.kind === 'agentkeepalive-module') return 'agentkeepalive';
  return undefined;
}

/** Core agents keep sockets alive only with `keepAlive: true`; agentkeepalive unless `keepAlive: false`. `undefined`: it cannot be seen. */
export function agentKeepsAlive(
  creation: TSESTree.CallExpression | TSESTree.NewExpression,
  flavor: AgentFlavor,
  values: Pick<ValueResolver, 'lookupProperty'>,
): boolean | undefined {
  const byDefault = flavor === 'agentkeepalive';
  const [options] = creation.arguments;
  if (!options) return byDefault;
  if (options.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const lookup = values.lookupProperty(options, 'keepAlive');
  const settings = lookup.values.map((value) => (value.kind === 'constant' ? Boolean(value.value) : undefined));
  if (lookup.mayBeAbsent) settings.push(byDefault);
  // As with agents, a branch that turns keep-alive on is enough.
  if (settings.includes(true)) return true;
  return settings.every((setting) => setting === false) ? false : undefined;
}

/** The keep-alive agent that `node` (`new http.Agent({ keepAlive: true })`, `new HttpsAgent()`) creates, if it creates one. */
export function keepAliveAgentCreatedBy(node: TSESTree.Node, values: ValueResolver): AgentValue | undefined {
  if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = skipTransparentWrappers(node.callee);
  // Cheap shape checks first: `x.Agent`, `x.HttpsAgent` or a plain name.
  if (callee.type === AST_NODE_TYPES.MemberExpression && !/Agent$/.test(memberPropertyName(callee) ?? '')) return undefined;
  if (callee.type !== AST_NODE_TYPES.MemberExpression && callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  // Without `new`, only a function named like an agent class (`Agent({ … })`, `HttpsAgent()`) creates one.
  if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.Identifier && !/Agent$/.test(callee.name)) return undefined;
  return values
    .resolve(node)
    .find((value): value is AgentValue => value.kind === 'agent' && value.creation === node && value.keepAlive === true);
}

/**
 * Every keep-alive agent the request may go through, in the order the code
 * gives them (`tls ? secure : fast`, `agents[protocol]`): the first is the
 * one `requestAgent` gives.
 */
export function keepAliveAgentsOf(node: RequestNode, values: ValueResolver): AgentValue[] {
  const options = requestOptions(node, values);
  if (!options || options === 'unknown') return [];
  return values
    .lookupProperty(options, 'agent')
    .values.filter((value): value is AgentValue => value.kind === 'agent' && value.keepAlive === true);
}

/** Where a request's agent is Node's global agent. */
export const GLOBAL_AGENT = { kind: 'global' } as const;

/**
 * Where the request's options or agent come from code the file does not show
 * (a parameter, `this.x` set from one, a function's result it cannot read):
 * unless the callers pass `agent: false` or an agent without keep-alive, the
 * request goes through the global agent.
 */
export const UNRESOLVED_AGENT = { kind: 'unresolved' } as const;

export type RequestAgent = AgentValue | typeof GLOBAL_AGENT | typeof UNRESOLVED_AGENT | ImportedValue;

/**
 * The agent a request goes through: a keep-alive agent, the global agent,
 * one imported from a module the host cannot read, one the file does not
 * show (`UNRESOLVED_AGENT`), or `undefined` when the code shows that the
 * socket is not kept alive (`agent: false`, an agent without keep-alive, a
 * `createConnection`).
 */
export function requestAgent(node: RequestNode, values: ValueResolver): RequestAgent | undefined {
  const options = requestOptions(node, values);
  if (options === 'unknown') return UNRESOLVED_AGENT;
  const lookup: PropertyLookup = options ? values.lookupProperty(options, 'agent') : { values: [], mayBeAbsent: true };
  const connection = options ? values.lookupProperty(options, 'createConnection') : { values: [], mayBeAbsent: true };
  if (!connection.mayBeAbsent && connection.values.every((value) => !isAbsent(value))) return undefined;
  const keepAlive = findKeepAliveAgent(lookup.values);
  if (keepAlive) return keepAlive;
  const imported = lookup.values.find((value): value is ImportedValue => value.kind === 'imported');
  if (imported) return imported;
  // A `createConnection` that may be there, or an agent or options object the file does not show.
  if (connection.values.some((value) => !isAbsent(value))) return UNRESOLVED_AGENT;
  let global = lookup.mayBeAbsent;
  for (const value of lookup.values) {
    if (value.kind === 'global-agent' || isAbsent(value)) global = true;
    else if (!(value.kind === 'agent' && value.keepAlive === false) && !(value.kind === 'constant' && value.value === false)) {
      return UNRESOLVED_AGENT;
    }
  }
  if (!global) return undefined;
  // Options of the file's own handed to another function first may get their agent there.
  return options && handedOnBefore(options, node, values) ? UNRESOLVED_AGENT : GLOBAL_AGENT;
}

/** Calls that read an object without giving it an agent. */
const READ_ONLY_CALLS: ReadonlySet<string> = new Set(['log', 'debug', 'info', 'warn', 'error', 'trace', 'stringify', 'inspect', 'format']);

/**
 * The options variable is an argument of another call before the request
 * (`await applyTls(options)`), which may set its agent.
 */
function handedOnBefore(options: TSESTree.Node, request: RequestNode, values: ValueResolver): boolean {
  const inner = skipTransparentWrappers(options);
  if (inner.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = values.variableOf(inner);
  return (variable?.references ?? []).some((reference) => {
    const outer = outermostWrapper(reference.identifier);
    const call = outer.parent;
    if (call === request || reference.identifier.range[0] >= request.range[0]) return false;
    if (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) return false;
    if (!call.arguments.includes(outer as TSESTree.CallExpressionArgument)) return false;
    return !READ_ONLY_CALLS.has(calleeName(call.callee) ?? '');
  });
}

/**
 * An agent as a finding names it: where it is created, and in which module;
 * with the others the request may go through instead when it is picked from
 * several.
 */
export function describeAgent(agent: AgentValue, text: string, others: readonly AgentValue[] = []): KeepAliveAgent {
  const { creation, origin } = agent;
  const described: KeepAliveAgent = { ...describeCreation(creation, origin?.sourceText ?? text), flavor: agent.flavor };
  const alternatives = others
    .filter((other) => other.creation !== creation && !other.origin)
    .map((other) => ({ name: agentName(other.creation, text), line: other.creation.loc.start.line }));
  const withAlternatives = alternatives.length > 0 && !origin ? { ...described, alternatives } : described;
  return origin ? { ...withAlternatives, fileName: origin.fileName } : withAlternatives;
}

export function describeCreation(creation: TSESTree.Node, text: string): Pick<KeepAliveAgent, 'name' | 'line' | 'range' | 'inline'> {
  const described = { name: agentName(creation, text), line: creation.loc.start.line, range: [creation.range[0], creation.range[1]] } as const;
  return createdInline(creation) ? { ...described, inline: true } : described;
}

/** The agent options of a call's own argument: `http.get(url, { agent: new http.Agent(…) })`, `axios.create({ httpAgent: new … })`. */
const AGENT_OPTIONS: ReadonlySet<string> = new Set(['agent', 'httpAgent', 'httpsAgent', 'dispatcher']);

function createdInline(creation: TSESTree.Node): boolean {
  const property = outermostWrapper(creation).parent;
  if (property?.type !== AST_NODE_TYPES.Property || !AGENT_OPTIONS.has(staticKeyName(property.key, property.computed) ?? '')) return false;
  const options = property.parent;
  const call = options?.parent;
  return (
    (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) &&
    call.arguments.includes(options as TSESTree.CallExpressionArgument)
  );
}

/** The name the code gives the agent where it is created. */
export function agentName(creation: TSESTree.Node, text: string): string {
  const outer = outermostWrapper(creation);
  const parent = outer.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      if (parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
      break;
    case AST_NODE_TYPES.AssignmentExpression:
      return excerpt(text, parent.left.range);
    case AST_NODE_TYPES.PropertyDefinition: {
      const key = staticKeyName(parent.key, parent.computed);
      const owner = parent.parent.parent;
      if (key !== undefined && parent.static && owner && 'id' in owner && owner.id) return `${owner.id.name}.${key}`;
      if (key !== undefined) return `this.${key}`;
      break;
    }
    case AST_NODE_TYPES.Property: {
      const key = staticKeyName(parent.key, parent.computed);
      if (key === undefined || parent.value !== outer) break;
      // An entry of a table held in a variable: `agents['https:']`, `agents.http`.
      const table = parent.parent.parent;
      if (table?.type === AST_NODE_TYPES.VariableDeclarator && table.id.type === AST_NODE_TYPES.Identifier) {
        return /^[A-Za-z_$][\w$]*$/.test(key) ? `${table.id.name}.${key}` : `${table.id.name}[${JSON.stringify(key).replaceAll('"', "'")}]`;
      }
      return key;
    }
    default:
      break;
  }
  return excerpt(text, creation.range);
}

/**
 * An agent whose every request keeps its socket from going back to the pool
 * afterwards (`Connection: close`, an `Upgrade` header, `method: 'CONNECT'`),
 * and which nothing else can use (held in a variable of this file, read only
 * as the `agent` option of those requests): it never has an idle socket to
 * lend, so none of them can meet the race. The requests themselves can still
 * get a pooled socket from an agent anyone else uses, and from the global one.
 */
export function neverLendsASocket(agent: AgentValue, through: readonly RequestNode[], values: ValueResolver): boolean {
  if (agent.origin) return false;
  const holder = outermostWrapper(agent.creation).parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return false;
  if (holder.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
  const variable = values.variableOf(holder.id);
  if (!variable) return false;
  const reads = variable.references.filter((reference) => reference.isRead());
  const onlyAsAgentOption = reads.every((reference) => {
    const property = outermostWrapper(reference.identifier).parent;
    if (property?.type !== AST_NODE_TYPES.Property || staticKeyName(property.key, property.computed) !== 'agent') return false;
    return through.some((request) => request.arguments.includes(property.parent as TSESTree.CallExpressionArgument));
  });
  return onlyAsAgentOption && through.every((request) => closesItsSocket(request, values));
}

/**
 * `Connection: close`, an `Upgrade` header or `method: 'CONNECT'` among the
 * request's options, or a response that is never read: the socket does not
 * go back to the pool after it.
 */
function closesItsSocket(request: RequestNode, values: ValueResolver): boolean {
  return holdsItsSocket(request, values) || neverReadsTheResponse(request, values);
}

/** Properties of a response that can be read without reading its body. */
const RESPONSE_HEAD: ReadonlySet<string> = new Set(['statusCode', 'statusMessage', 'headers', 'rawHeaders', 'httpVersion', 'trailers']);

/**
 * The request has a response callback or `'response'` listener, and none of
 * them reads the body: the response's parameter is unused, or only its
 * status and headers are read. Node does not dump a response that has a
 * listener, so its socket stays busy until the body is read, and never goes
 * back to the pool. Handing the response to anything (`cb(null, res)`,
 * `res.resume()`, `res.pipe(…)`) may read it.
 */
function neverReadsTheResponse(request: RequestNode, values: ValueResolver): boolean {
  const callback = request.arguments.at(-1);
  const handlers: TSESTree.Node[] = callback && request.arguments.length > 1 ? [callback] : [];
  const registrations = requestChains(request, values).flatMap((chain) => chain.listeners);
  for (const registration of resolveEvents(registrations, values)) {
    if (registration.event === 'response') handlers.push(registration.listener);
  }
  if (handlers.length === 0) return false;
  return handlers.every((handler) => {
    const functions = values.resolve(handler);
    return functions.length > 0 && functions.every((value) => value.kind === 'function' && readsOnlyTheHead(value.node.params[0], values));
  });
}

function readsOnlyTheHead(parameter: TSESTree.Parameter | undefined, values: ValueResolver): boolean {
  if (parameter === undefined) return true;
  if (parameter.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = values.variableOf(parameter);
  if (!variable) return false;
  return variable.references.every((reference) => {
    const member = outermostWrapper(reference.identifier).parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || outermostWrapper(member.object) !== outermostWrapper(reference.identifier)) return false;
    const property = memberPropertyName(member);
    const use = outermostWrapper(member).parent;
    return property !== undefined && RESPONSE_HEAD.has(property) && !(use?.type === AST_NODE_TYPES.CallExpression && use.callee === outermostWrapper(member));
  });
}

function holdsItsSocket(request: RequestNode, values: ValueResolver): boolean {
  const options = requestOptions(request, values);
  if (!options || options === 'unknown') return false;
  const methods = requestMethods(options, values);
  if (methods && [...methods].every((method) => method === 'CONNECT')) return true;
  const headers = values.lookupProperty(options, 'headers');
  if (headers.mayBeAbsent || headers.values.length === 0) return false;
  return headers.values.every((value) => {
    if (value.kind !== 'object') return false;
    return value.node.properties.some((property) => {
      if (property.type !== AST_NODE_TYPES.Property) return false;
      const name = staticKeyName(property.key, property.computed)?.toLowerCase();
      if (name === 'upgrade') return true;
      return name === 'connection' && values.resolve(property.value).every((held) => held.kind === 'string' && held.value?.toLowerCase() === 'close');
    });
  });
}

