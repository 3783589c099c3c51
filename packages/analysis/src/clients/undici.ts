import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { type ClientContext, type ClientLibrary, type ClientSiteAt, optionsArgument } from './client.js';
import { calleeReport } from '../ast/callee.js';
import { memberPropertyName } from '../ast/predicates.js';
import type { AbstractValue, DispatcherValue } from '../values/abstract-value.js';

/** What `interceptors.retry(...)` gives: a path no member can have. */
const RETRY_INTERCEPTOR = 'interceptors.retry()';

/** undici's classes that pool keep-alive connections. */
const DISPATCHERS: ReadonlySet<string> = new Set(['Agent', 'Pool', 'BalancedPool', 'Client']);

const REQUESTS: ReadonlySet<string> = new Set(['fetch', 'request', 'stream', 'pipeline']);

export const undici: ClientLibrary<'undici'> = {
  name: 'undici',
  packages: ['undici'],
  advice: {
    error: "'fetch failed' caused by UND_ERR_SOCKET ('other side closed')",
    guard:
      "use undici's own retry: wrap the dispatcher in `new RetryAgent(...)` or compose it with `interceptors.retry()` (it retries this error for idempotent methods); fetch exposes no `reusedSocket` to check by hand",
  },

  callValues(_call, callee) {
    return callee.path.join('.') === 'interceptors.retry' ? [{ kind: 'client', client: 'undici', path: [RETRY_INTERCEPTOR] }] : [];
  },

  /** `dispatcher.compose(interceptors.retry())`: the dispatcher, now retrying. */
  methodCallValues(call, method, values) {
    if (method !== 'compose' || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const addsRetry = call.arguments.some((argument) =>
      values.resolve(argument).some((value) => value.kind === 'client' && value.path.join('.') === RETRY_INTERCEPTOR),
    );
    const composed: AbstractValue[] = [];
    for (const value of values.resolve(call.callee.object)) {
      if (value.kind === 'dispatcher') composed.push({ ...value, retry: value.retry || addsRetry });
    }
    return composed;
  },

  /** `new Agent()`, `new Pool()`; `new RetryAgent()` retries for the dispatcher it wraps. */
  constructionValue(callee, creation) {
    if (callee.path.length !== 1) return undefined;
    const [name = ''] = callee.path;
    if (DISPATCHERS.has(name)) return { kind: 'dispatcher', retry: false, creation };
    if (name === 'RetryAgent') return { kind: 'dispatcher', retry: true, creation };
    return undefined;
  },

  /** `fetch` or `globalThis.fetch`, Node's own (undici inside), when no local binding hides it. */
  unboundCallSite(call, context) {
    const { callee } = call;
    const { values } = context;
    const global =
      callee.type === AST_NODE_TYPES.MemberExpression
        ? memberPropertyName(callee) === 'fetch' && values.isGlobal(callee.object, 'globalThis')
        : values.isGlobal(callee, 'fetch');
    return global ? dispatcherSite(call, context) : undefined;
  },

  /** `fetch(url, { dispatcher })` (global or undici's), `request(url, { dispatcher })` of undici. */
  callSite(call, value, context) {
    return REQUESTS.has(value.path.join('.')) ? dispatcherSite(call, context) : undefined;
  },
};

function dispatcherSite(call: TSESTree.CallExpression, { values, guards }: ClientContext): ClientSiteAt | undefined {
  const options = optionsArgument(call, 1);
  if (!options) return undefined;
  const dispatchers = values.lookupProperty(options, 'dispatcher').values;
  const dispatcher = dispatchers.find((value): value is DispatcherValue => value.kind === 'dispatcher' && !value.retry);
  if (!dispatcher || dispatchers.some((value) => value.kind !== 'dispatcher' || value.retry)) return undefined;
  if (guards.promiseGuarded(call)) return undefined;
  return { node: call, report: calleeReport(call), agent: dispatcher, nonIdempotent: false };
}
