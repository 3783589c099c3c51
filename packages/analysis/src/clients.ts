import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { calleeReport } from './ast/callee.js';
import { methodCallOn } from './ast/chains.js';
import { isFunction, memberPropertyName, outermostWrapper, staticLiteralValue } from './ast/predicates.js';
import { descendants } from './ast/walk.js';
import type { GuardFinder } from './guards.js';
import type { ClientName } from './modules.js';
import { type AbstractValue, type PropertyLookup, type ValueResolver, findKeepAliveAgent } from './values.js';
import { chainCalls, chainRoot } from './ast/chains.js';
import { returnedExpressions } from './ast/walk.js';
import { IDEMPOTENT_METHODS } from './http-methods.js';

type AgentValue = Extract<AbstractValue, { kind: 'agent' }>;
type DispatcherValue = Extract<AbstractValue, { kind: 'dispatcher' }>;
type ClientValue = Extract<AbstractValue, { kind: 'client' }>;

/** Where a client library is handed a keep-alive agent and nothing retries a reset on a reused socket. */
export interface ClientSite {
  readonly client: ClientName;
  /** The call (or, for `axios.defaults.httpAgent = …`, the assignment). */
  readonly node: TSESTree.Node;
  readonly report: { readonly range: readonly [number, number]; readonly loc: TSESTree.SourceLocation };
  /** The keep-alive agent, or the undici dispatcher, the requests go through. */
  readonly agent: AgentValue | DispatcherValue;
  /** got only: the method is not idempotent, which is why got does not retry it. */
  readonly nonIdempotent: boolean;
}

/** How each client fails in the race (checked against a real server), and what guards it. The rule's message and the codemod's reason say both. */
export const CLIENT_ADVICE: Readonly<Record<ClientName, { readonly error: string; readonly guard: string }>> = {
  axios: {
    error: "ECONNRESET ('socket hang up')",
    guard:
      "apply axios-retry to this axios instance (its default condition retries network errors such as ECONNRESET for idempotent requests) or add a response interceptor whose error handler retries on 'ECONNRESET'",
  },
  'node-fetch': {
    error: 'a FetchError with code ECONNRESET',
    guard:
      "node-fetch never retries: send it again when the error's `code` is 'ECONNRESET' and the method is idempotent, in a `catch` that checks it or inside a retry wrapper such as p-retry",
  },
  got: {
    error: 'a RequestError with code ECONNRESET',
    guard:
      "keep got's own retry on for it: `retry.limit` above 0, the method in `retry.methods` and 'ECONNRESET' in `retry.errorCodes` (for POST, PATCH or another method that is not idempotent, only with an Idempotency-Key the server honours)",
  },
  superagent: {
    error: "ECONNRESET ('socket hang up')",
    guard: 'call `.retry(n)` on the request: superagent then retries ECONNRESET (for every method, so only on idempotent requests)',
  },
  undici: {
    error: "'fetch failed' caused by UND_ERR_SOCKET ('other side closed')",
    guard:
      "use undici's own retry: wrap the dispatcher in `new RetryAgent(...)` or compose it with `interceptors.retry()` (it retries this error for idempotent methods); fetch exposes no `reusedSocket` to check by hand",
  },
};

/** axios' request methods, by where their config argument is. */
const AXIOS_CONFIG_ARGUMENT: ReadonlyMap<string, number> = new Map([
  ['request', 0],
  ['create', 0],
  ['get', 1],
  ['delete', 1],
  ['head', 1],
  ['options', 1],
  ['post', 2],
  ['put', 2],
  ['patch', 2],
  ['postForm', 2],
  ['putForm', 2],
  ['patchForm', 2],
]);
const AXIOS_AGENT_OPTIONS = ['httpAgent', 'httpsAgent'];
/** axios-retry's conditions: each retries an ECONNRESET before any response (isNetworkError through is-retry-allowed). */
const AXIOS_RETRY_CONDITIONS: ReadonlySet<string> = new Set([
  'isNetworkError',
  'isRetryableError',
  'isSafeRequestError',
  'isIdempotentRequestError',
  'isNetworkOrIdempotentRequestError',
]);

const GOT_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'head', 'delete']);
/** got's `retry` defaults. */
const GOT_RETRIED_METHODS: readonly string[] = ['GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE'];

const UNDICI_REQUESTS: ReadonlySet<string> = new Set(['fetch', 'request', 'stream', 'pipeline']);

/**
 * Finds, in one file, the places where axios, node-fetch, got, superagent or
 * undici (and the global `fetch`) are given an explicit keep-alive agent (or
 * dispatcher) with nothing that retries a reset on a reused socket. A client
 * left on its default agent is not reported.
 */
export class ClientSites {
  readonly #values: ValueResolver;
  readonly #guards: GuardFinder;
  readonly #program: TSESTree.Program;
  /** axios instances (`create` calls; `'default'` for the package's own) that axios-retry or an interceptor guards. */
  #guardedAxios: Set<TSESTree.Node | 'default'> | undefined;

  constructor(program: TSESTree.Program, values: ValueResolver, guards: GuardFinder) {
    this.#program = program;
    this.#values = values;
    this.#guards = guards;
  }

  /** The site `node` is, if any: the analysis asks this of every node in its one walk over the file. */
  siteAt(node: TSESTree.Node): ClientSite | undefined {
    if (node.type === AST_NODE_TYPES.CallExpression) return this.#callSite(node);
    if (node.type === AST_NODE_TYPES.AssignmentExpression) return this.#axiosDefaultsSite(node);
    return undefined;
  }

  #callSite(call: TSESTree.CallExpression): ClientSite | undefined {
    if (this.#isGlobalFetch(call.callee)) return this.#undiciSite(call);
    // Only member calls and plain names can be a client's; skip the rest before resolving anything.
    if (call.callee.type !== AST_NODE_TYPES.Identifier && call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    for (const value of this.#values.resolve(call.callee)) {
      if (value.kind !== 'client') continue;
      const site = this.#clientCallSite(call, value);
      if (site) return site;
    }
    return undefined;
  }

  /** `fetch` or `globalThis.fetch`, Node's own (undici inside), when no local binding hides it. */
  #isGlobalFetch(callee: TSESTree.Node): boolean {
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      return memberPropertyName(callee) === 'fetch' && this.#values.isGlobal(callee.object, 'globalThis');
    }
    return this.#values.isGlobal(callee, 'fetch');
  }

  #clientCallSite(call: TSESTree.CallExpression, value: ClientValue): ClientSite | undefined {
    const path = value.path.join('.');
    switch (value.client) {
      case 'axios':
        return this.#axiosSite(call, value);
      case 'got':
        return this.#gotSite(call, value);
      case 'node-fetch':
        return path === '' ? this.#nodeFetchSite(call) : undefined;
      case 'undici':
        return UNDICI_REQUESTS.has(path) ? this.#undiciSite(call) : undefined;
      case 'superagent':
        return value.path.at(-1) === 'agent' ? this.#superagentSite(call) : undefined;
      default:
        return undefined;
    }
  }

  /** `axios(config)`, `axios.get(url, config)`, `api.post(url, data, config)`, `axios.create(config)`. */
  #axiosSite(call: TSESTree.CallExpression, value: ClientValue): ClientSite | undefined {
    let config: TSESTree.Node | undefined;
    if (value.path.length === 0) {
      config = this.#optionsOfUrlOrOptionsCall(call);
    } else if (value.path.length === 1) {
      const index = AXIOS_CONFIG_ARGUMENT.get(value.path[0] as string);
      config = index === undefined ? undefined : call.arguments[index];
    }
    if (!config || config.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const agent = this.#keepAliveAgentIn(config, AXIOS_AGENT_OPTIONS);
    if (!agent) return undefined;
    // A new instance starts without the interceptors of the one it was created from.
    const instance = value.path[0] === 'create' ? call : (value.instance ?? 'default');
    if (this.#axiosGuarded(instance)) return undefined;
    return { client: 'axios', node: call, report: calleeReport(call), agent, nonIdempotent: false };
  }

  /** The options of `client(options)` or `client(url, options)`, as axios and got take them. */
  #optionsOfUrlOrOptionsCall(call: TSESTree.CallExpression): TSESTree.Node | undefined {
    const [first, second] = call.arguments;
    return first && this.#values.resolve(first).some((candidate) => candidate.kind === 'object') ? first : second;
  }

  /** `axios.defaults.httpAgent = agent`, `api.defaults.httpsAgent = agent`. */
  #axiosDefaultsSite(assignment: TSESTree.AssignmentExpression): ClientSite | undefined {
    const target = assignment.left;
    if (assignment.operator !== '=' || target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    if (!AXIOS_AGENT_OPTIONS.includes(memberPropertyName(target) ?? '')) return undefined;
    if (target.object.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(target.object) !== 'defaults') return undefined;
    const instances = this.#values
      .resolve(target.object.object)
      .filter((value): value is ClientValue => value.kind === 'client' && value.client === 'axios' && value.path.length === 0);
    if (instances.length === 0) return undefined;
    const agent = findKeepAliveAgent(this.#values.resolve(assignment.right));
    if (!agent || instances.every((instance) => this.#axiosGuarded(instance.instance ?? 'default'))) return undefined;
    return {
      client: 'axios',
      node: assignment,
      report: { range: [target.range[0], target.range[1]], loc: target.loc },
      agent,
      nonIdempotent: false,
    };
  }

  #axiosGuarded(instance: TSESTree.Node | 'default'): boolean {
    this.#guardedAxios ??= this.#findGuardedAxiosInstances();
    return this.#guardedAxios.has(instance);
  }

  /** `axiosRetry(instance, options)` and `instance.interceptors.response.use(onFulfilled, onRejected)`. */
  #findGuardedAxiosInstances(): Set<TSESTree.Node | 'default'> {
    const guarded = new Set<TSESTree.Node | 'default'>();
    const add = (target: TSESTree.Node | undefined) => {
      for (const value of target ? this.#values.resolve(target) : []) {
        if (value.kind === 'client' && value.client === 'axios' && value.path.length === 0) guarded.add(value.instance ?? 'default');
      }
    };
    for (const node of descendants(this.#program)) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const { callee } = node;
      if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) continue;
      for (const value of this.#values.resolve(callee)) {
        if (value.kind !== 'client') continue;
        const [target, second] = node.arguments;
        if (value.client === 'axios-retry' && value.path.length === 0 && this.#axiosRetryCovers(second)) add(target);
        if (value.client === 'axios' && value.path.join('.') === 'interceptors.response.use' && second && this.#guards.handlerGuards(second)) {
          add(callee.type === AST_NODE_TYPES.MemberExpression ? interceptorsOwner(callee) : undefined);
        }
      }
    }
    return guarded;
  }

  /** axios-retry's options keep retrying an ECONNRESET: retries above 0, and a condition that covers it. */
  #axiosRetryCovers(options: TSESTree.Node | undefined): boolean {
    if (!options) return true;
    const retries = this.#values.lookupProperty(options, 'retries');
    if (retries.values.length > 0 && retries.values.every((value) => value.kind === 'constant' && value.value === 0)) return false;
    const condition = this.#values.lookupProperty(options, 'retryCondition');
    if (condition.mayBeAbsent && condition.values.length === 0) return true;
    return condition.values.some((value) => {
      if (value.kind === 'client') return value.client === 'axios-retry' && AXIOS_RETRY_CONDITIONS.has(value.path.join('.'));
      if (value.kind === 'function') return this.#guards.handlerGuards(value.node) || this.#callsAxiosRetryCondition(value.node);
      // A condition this file does not show: not ours to doubt.
      return value.kind === 'unknown' || value.kind === 'imported';
    });
  }

  #callsAxiosRetryCondition(fn: TSESTree.Node): boolean {
    for (const node of descendants(fn)) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const covers = this.#values
        .resolve(node.callee)
        .some((value) => value.kind === 'client' && value.client === 'axios-retry' && AXIOS_RETRY_CONDITIONS.has(value.path.join('.')));
      if (covers) return true;
    }
    return false;
  }

  /** `got(url, options)`, `got.post(url, options)`, through `got.extend(options)` instances. */
  #gotSite(call: TSESTree.CallExpression, value: ClientValue): ClientSite | undefined {
    let options: TSESTree.Node | undefined;
    let method: string | undefined;
    if (value.path.length === 0) {
      options = this.#optionsOfUrlOrOptionsCall(call);
    } else if (value.path.length === 1 && GOT_METHODS.has(value.path[0] as string)) {
      options = call.arguments[1];
      method = (value.path[0] as string).toUpperCase();
    } else {
      return undefined;
    }
    if (options?.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const layers = [...(options ? [options] : []), ...this.#gotInstanceOptions(value.instance, 0)];
    const agents = layeredLookup(this.#values, layers, 'agent');
    const agent = findKeepAliveAgent(
      agents.values.flatMap((candidate) =>
        candidate.kind === 'object'
          ? ['http', 'https'].flatMap((protocol) => this.#values.lookupProperty(candidate.node, protocol).values)
          : [],
      ),
    );
    if (!agent) return undefined;
    if (method === undefined) {
      const methods = layeredLookup(this.#values, layers, 'method');
      const names = methods.values.map((candidate) => (candidate.kind === 'string' ? candidate.value : undefined));
      if (names.length === 0 && methods.mayBeAbsent) method = 'GET';
      else if (names.length === 1 && names[0] !== undefined) method = names[0].toUpperCase();
      else return undefined;
    }
    const retry = layeredLookup(this.#values, layers, 'retry');
    if (!this.#gotRetryIsOff(retry, method)) return undefined;
    if (this.#guards.insideRetryWrapper(call)) return undefined;
    return { client: 'got', node: call, report: calleeReport(call), agent, nonIdempotent: !IDEMPOTENT_METHODS.has(method) };
  }

  /** The options of a got instance, the latest `extend` first. */
  #gotInstanceOptions(instance: TSESTree.CallExpression | undefined, depth: number): TSESTree.Node[] {
    if (!instance || depth > 4) return [];
    const own = [...instance.arguments].reverse().filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
    const callee = instance.callee;
    const base =
      callee.type === AST_NODE_TYPES.MemberExpression
        ? this.#values
            .resolve(callee.object)
            .flatMap((value) => (value.kind === 'client' && value.client === 'got' ? this.#gotInstanceOptions(value.instance, depth + 1) : []))
        : [];
    return [...own, ...base];
  }

  /** Whether got certainly does not retry an ECONNRESET of `method` with these `retry` settings. */
  #gotRetryIsOff(retry: PropertyLookup, method: string): boolean {
    const verdicts = retry.values.map((value) => {
      if (value.kind === 'constant') return value.value === 0 ? true : value.value === undefined ? !GOT_RETRIED_METHODS.includes(method) : undefined;
      if (value.kind !== 'object') return undefined;
      const limit = this.#values.lookupProperty(value.node, 'limit');
      if (!limit.mayBeAbsent && limit.values.every((candidate) => candidate.kind === 'constant' && candidate.value === 0)) return true;
      const methods = this.#stringList(value.node, 'methods', GOT_RETRIED_METHODS);
      if (methods && !methods.some((name) => name.toUpperCase() === method)) return true;
      const codes = this.#stringList(value.node, 'errorCodes', ['ECONNRESET']);
      if (codes && !codes.includes('ECONNRESET')) return true;
      if (!methods || !codes) return undefined;
      return limit.values.some((candidate) => candidate.kind !== 'constant') ? undefined : false;
    });
    if (retry.mayBeAbsent) verdicts.push(!GOT_RETRIED_METHODS.includes(method));
    return verdicts.length > 0 && verdicts.every((verdict) => verdict === true);
  }

  /** A property that is an array literal of strings, `byDefault` when it is absent; `undefined` when it cannot be read. */
  #stringList(object: TSESTree.Node, name: string, byDefault: readonly string[]): readonly string[] | undefined {
    const lookup = this.#values.lookupProperty(object, name);
    if (lookup.mayBeAbsent && lookup.values.length === 0) return byDefault;
    if (lookup.mayBeAbsent || lookup.values.length !== 1) return undefined;
    const [value] = lookup.values;
    if (value?.kind !== 'array') return undefined;
    const strings = value.node.elements.map((element) => (element ? staticLiteralValue(element) : undefined));
    return strings.every((item): item is string => typeof item === 'string') ? strings : undefined;
  }

  /** `fetch(url, { agent })` of node-fetch: an agent, or a function that returns one per URL. */
  #nodeFetchSite(call: TSESTree.CallExpression): ClientSite | undefined {
    const options = call.arguments[1];
    if (!options || options.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const agents = this.#values.lookupProperty(options, 'agent').values.flatMap((value) =>
      value.kind === 'function' ? returnedExpressions(value.node).flatMap((returned) => this.#values.resolve(returned)) : [value],
    );
    const agent = findKeepAliveAgent(agents);
    if (!agent || this.#promiseGuarded(call)) return undefined;
    return { client: 'node-fetch', node: call, report: calleeReport(call), agent, nonIdempotent: false };
  }

  /** `fetch(url, { dispatcher })` (global or undici's), `request(url, { dispatcher })` of undici. */
  #undiciSite(call: TSESTree.CallExpression): ClientSite | undefined {
    const options = call.arguments[1];
    if (!options || options.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const dispatchers = this.#values.lookupProperty(options, 'dispatcher').values;
    const dispatcher = dispatchers.find((value): value is DispatcherValue => value.kind === 'dispatcher' && !value.retry);
    if (!dispatcher || dispatchers.some((value) => value.kind !== 'dispatcher' || value.retry)) return undefined;
    if (this.#promiseGuarded(call)) return undefined;
    return { client: 'undici', node: call, report: calleeReport(call), agent: dispatcher, nonIdempotent: false };
  }

  /** `request.get(url).agent(keepAliveAgent)` of superagent, with no `.retry()` on the request. */
  #superagentSite(call: TSESTree.CallExpression): ClientSite | undefined {
    const [argument] = call.arguments;
    if (call.arguments.length !== 1 || !argument || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const agent = findKeepAliveAgent(this.#values.resolve(argument));
    if (!agent || this.#superagentRetries(call) || this.#guards.insideRetryWrapper(call)) return undefined;
    const { property } = call.callee;
    return {
      client: 'superagent',
      node: call,
      report: { range: [property.range[0], call.range[1]], loc: { start: property.loc.start, end: call.loc.end } },
      agent,
      nonIdempotent: false,
    };
  }

  /** A `.retry()` (not `.retry(0)`) in the request's chain, or on a variable that holds the request. */
  #superagentRetries(call: TSESTree.CallExpression): boolean {
    const chain = [...chainCalls(call)];
    if (chain.some(isRetryCall)) return true;
    const holders: TSESTree.Node[] = [];
    const root = chainRoot(call);
    if (root.type === AST_NODE_TYPES.Identifier) holders.push(root);
    const end = outermostWrapper(chain.at(-1) ?? call);
    if (end.parent?.type === AST_NODE_TYPES.VariableDeclarator && end.parent.init === end) holders.push(end.parent.id);
    for (const holder of holders) {
      const variable = holder.type === AST_NODE_TYPES.Identifier ? this.#values.variableOf(holder) : null;
      for (const reference of variable?.references ?? []) {
        if ([...chainCalls(reference.identifier)].some(isRetryCall)) return true;
      }
    }
    return false;
  }

  /** The promise's rejection is handled by code that checks for ECONNRESET, or the call runs in a retry wrapper. */
  #promiseGuarded(call: TSESTree.CallExpression): boolean {
    if (this.#guards.insideRetryWrapper(call)) return true;
    let current: TSESTree.Node = call;
    for (;;) {
      const awaited = outermostWrapper(current).parent;
      if (awaited?.type === AST_NODE_TYPES.AwaitExpression) return this.#catchGuards(awaited);
      const step = methodCallOn(current);
      if (!step) return false;
      const { method, call: next } = step;
      const handler = method === 'catch' ? next.arguments[0] : method === 'then' ? next.arguments[1] : undefined;
      if (handler && this.#guards.handlerGuards(handler)) return true;
      if (method !== 'then' && method !== 'catch' && method !== 'finally') return false;
      current = next;
    }
  }

  /** The `await` sits in a `try` whose `catch` checks for ECONNRESET. */
  #catchGuards(node: TSESTree.Node): boolean {
    for (let child = node, parent = node.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.handler && this.#guards.codeGuards(parent.handler.body)) {
        return true;
      }
    }
    return false;
  }

  #keepAliveAgentIn(config: TSESTree.Node, names: readonly string[]): AgentValue | undefined {
    return findKeepAliveAgent(names.flatMap((name) => this.#values.lookupProperty(config, name).values));
  }
}

/** Looks `name` up in option layers, the one that wins first: the first layer that certainly has it ends the search. */
function layeredLookup(values: ValueResolver, layers: readonly TSESTree.Node[], name: string): PropertyLookup {
  const found: AbstractValue[] = [];
  for (const layer of layers) {
    const lookup = values.lookupProperty(layer, name);
    found.push(...lookup.values);
    if (!lookup.mayBeAbsent) return { values: found, mayBeAbsent: false };
  }
  return { values: found, mayBeAbsent: true };
}

/** `api` of `api.interceptors.response.use`. */
function interceptorsOwner(use: TSESTree.MemberExpression): TSESTree.Node | undefined {
  const response = use.object;
  if (response.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const interceptors = response.object;
  return interceptors.type === AST_NODE_TYPES.MemberExpression ? interceptors.object : undefined;
}

function isRetryCall(call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(call.callee) !== 'retry') return false;
  const [count] = call.arguments;
  return !count || staticLiteralValue(count) !== 0;
}
