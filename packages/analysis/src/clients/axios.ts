import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { type ClientContext, type ClientLibrary, type ClientSiteAt, keepAliveAgentIn, optionsOfUrlOrOptionsCall } from './client.js';
import { findKeepAliveAgent } from '../agents.js';
import { calleeReport } from '../ast/callee.js';
import { memberPropertyName } from '../ast/predicates.js';
import { descendants } from '../ast/walk.js';
import { type AbstractValue, type ClientValue, type PropertyLookup, isAbsent } from '../values/abstract-value.js';

/** axios' request methods, by where their config argument is. */
const CONFIG_ARGUMENT: ReadonlyMap<string, number> = new Map([
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
const AGENT_OPTIONS = ['httpAgent', 'httpsAgent'];
/** axios-retry's conditions: each retries an ECONNRESET before any response (isNetworkError through is-retry-allowed). */
const AXIOS_RETRY_CONDITIONS: ReadonlySet<string> = new Set([
  'isNetworkError',
  'isRetryableError',
  'isSafeRequestError',
  'isIdempotentRequestError',
  'isNetworkOrIdempotentRequestError',
]);

/** An axios instance: the `axios.create(...)` call, or `'default'` for the package's own. */
type Instance = TSESTree.Node | 'default';

/** Per file: the instances that axios-retry or a response interceptor guards. */
const guardedInstances = new WeakMap<ClientContext, Set<Instance>>();

/** Per file: whether the default instance was reported on the global agent already (once per file, where first used). */
const defaultReported = new WeakSet<ClientContext>();

export const axios: ClientLibrary<'axios'> = {
  name: 'axios',
  packages: ['axios'],
  companions: ['axios-retry'],
  advice: {
    error: "ECONNRESET ('socket hang up')",
    guard:
      "apply axios-retry to this axios instance (its default condition retries network errors such as ECONNRESET for idempotent requests) or add a response interceptor whose error handler retries on 'ECONNRESET'",
  },

  callValues(call, callee) {
    return callee.client === 'axios' && callee.path.join('.') === 'create' ? [{ kind: 'client', client: 'axios', path: [], instance: call }] : [];
  },

  /** `axios(config)`, `axios.get(url, config)`, `api.post(url, data, config)`, `axios.create(config)`. */
  callSite(call, value, context) {
    if (value.client !== 'axios') return undefined;
    let config: TSESTree.Node | undefined;
    if (value.path.length === 0) {
      config = optionsOfUrlOrOptionsCall(call, context.values);
    } else if (value.path.length === 1) {
      const index = CONFIG_ARGUMENT.get(value.path[0] as string);
      config = index === undefined ? undefined : call.arguments[index];
    }
    if (config?.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const agent = config ? keepAliveAgentIn(config, AGENT_OPTIONS, context.values) : undefined;
    if (!agent) return globalAgentSite(call, value, config, context);
    // A new instance starts without the interceptors of the one it was created from.
    const instance = value.path[0] === 'create' ? call : (value.instance ?? 'default');
    if (isGuarded(instance, context)) return undefined;
    return { node: call, report: calleeReport(call), agent, nonIdempotent: false };
  },

  /** `axios.defaults.httpAgent = agent`, `api.defaults.httpsAgent = agent`. */
  assignmentSite(assignment, context): ClientSiteAt | undefined {
    const target = assignment.left;
    if (assignment.operator !== '=' || target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    if (!AGENT_OPTIONS.includes(memberPropertyName(target) ?? '')) return undefined;
    if (target.object.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(target.object) !== 'defaults') return undefined;
    const instances = context.values.resolve(target.object.object).filter(isAxiosInstance);
    if (instances.length === 0) return undefined;
    const agent = findKeepAliveAgent(context.values.resolve(assignment.right));
    if (!agent || instances.every((instance) => isGuarded(instance.instance ?? 'default', context))) return undefined;
    return { node: assignment, report: { range: [target.range[0], target.range[1]], loc: target.loc }, agent, nonIdempotent: false };
  },
};

/**
 * On Node's global agent (no `httpAgent`/`httpsAgent` anywhere): each
 * `axios.create(…)`, where it is created, and the default instance once per
 * file, where it is first used; never each call.
 */
function globalAgentSite(call: TSESTree.CallExpression, value: ClientValue, config: TSESTree.Node | undefined, context: ClientContext): ClientSiteAt | undefined {
  if (config && !AGENT_OPTIONS.every((name) => certainlyAbsent(context.values.lookupProperty(config, name)))) return undefined;
  const creates = value.path[0] === 'create';
  if (value.instance || (!creates && value.path.length > 0 && !CONFIG_ARGUMENT.has(value.path[0] as string))) return undefined;
  if (!creates) {
    if (defaultReported.has(context) || setsDefaultAgent(context)) return undefined;
    defaultReported.add(context);
  }
  if (isGuarded(creates ? call : 'default', context)) return undefined;
  return { node: call, report: calleeReport(call), agent: 'global', nonIdempotent: false };
}

const certainlyAbsent = (lookup: PropertyLookup): boolean => lookup.mayBeAbsent && lookup.values.every(isAbsent);

/** The file gives the default instance an agent: `axios.defaults.httpAgent = …`. */
function setsDefaultAgent({ program, values }: ClientContext): boolean {
  for (const node of descendants(program)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (!AGENT_OPTIONS.includes(memberPropertyName(node.left) ?? '')) continue;
    const defaults = node.left.object;
    if (defaults.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(defaults) !== 'defaults') continue;
    if (values.resolve(defaults.object).some((value) => isAxiosInstance(value) && !value.instance)) return true;
  }
  return false;
}

function isAxiosInstance(value: AbstractValue): value is ClientValue {
  return value.kind === 'client' && value.client === 'axios' && value.path.length === 0;
}

function isGuarded(instance: Instance, context: ClientContext): boolean {
  let guarded = guardedInstances.get(context);
  if (!guarded) guardedInstances.set(context, (guarded = findGuardedInstances(context)));
  return guarded.has(instance);
}

/** `axiosRetry(instance, options)` and `instance.interceptors.response.use(onFulfilled, onRejected)`. */
function findGuardedInstances({ program, values, guards }: ClientContext): Set<Instance> {
  const guarded = new Set<Instance>();
  const add = (target: TSESTree.Node | undefined) => {
    for (const value of target ? values.resolve(target) : []) {
      if (isAxiosInstance(value)) guarded.add(value.instance ?? 'default');
    }
  };
  for (const node of descendants(program)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const { callee } = node;
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    for (const value of values.resolve(callee)) {
      if (value.kind !== 'client') continue;
      const [target, second] = node.arguments;
      if (value.client === 'axios-retry' && value.path.length === 0 && axiosRetryCovers(second, values, guards)) add(target);
      if (value.client === 'axios' && value.path.join('.') === 'interceptors.response.use' && second && guards.handlerGuards(second)) {
        add(callee.type === AST_NODE_TYPES.MemberExpression ? interceptorsOwner(callee) : undefined);
      }
    }
  }
  return guarded;
}

/** axios-retry's options keep retrying an ECONNRESET: retries above 0, and a condition that covers it. */
function axiosRetryCovers(options: TSESTree.Node | undefined, values: ClientContext['values'], guards: ClientContext['guards']): boolean {
  if (!options) return true;
  const retries = values.lookupProperty(options, 'retries');
  if (retries.values.length > 0 && retries.values.every((value) => value.kind === 'constant' && value.value === 0)) return false;
  const condition = values.lookupProperty(options, 'retryCondition');
  if (condition.mayBeAbsent && condition.values.length === 0) return true;
  const isCoveringCondition = (value: AbstractValue) =>
    value.kind === 'client' && value.client === 'axios-retry' && AXIOS_RETRY_CONDITIONS.has(value.path.join('.'));
  return condition.values.some((value) => {
    if (value.kind === 'client') return isCoveringCondition(value);
    if (value.kind === 'function') {
      if (guards.decidesOnReset(value.node)) return true;
      // A function that calls one of axios-retry's conditions.
      for (const node of descendants(value.node)) {
        if (node.type === AST_NODE_TYPES.CallExpression && values.resolve(node.callee).some(isCoveringCondition)) return true;
      }
      return false;
    }
    // A condition this file does not show: not ours to doubt.
    return value.kind === 'unknown' || value.kind === 'imported';
  });
}

/** `api` of `api.interceptors.response.use`. */
function interceptorsOwner(use: TSESTree.MemberExpression): TSESTree.Node | undefined {
  const response = use.object;
  if (response.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const interceptors = response.object;
  return interceptors.type === AST_NODE_TYPES.MemberExpression ? interceptors.object : undefined;
}
