import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { type ClientLibrary, layeredLookup, optionsOfUrlOrOptionsCall } from './client.js';
import { findKeepAliveAgent } from '../agents.js';
import { calleeReport } from '../ast/callee.js';
import { staticLiteralValue } from '../ast/predicates.js';
import { IDEMPOTENT_METHODS } from '../http-methods.js';
import type { PropertyLookup } from '../values/abstract-value.js';
import type { ValueResolver } from '../values/resolver.js';

const METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'head', 'delete']);
/** got's `retry` defaults. */
const RETRIED_METHODS: readonly string[] = ['GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE'];

export const got: ClientLibrary<'got'> = {
  name: 'got',
  packages: ['got'],
  advice: {
    error: 'a RequestError with code ECONNRESET',
    guard:
      "keep got's own retry on for it: `retry.limit` above 0, the method in `retry.methods` and 'ECONNRESET' in `retry.errorCodes` (for POST, PATCH or another method that is not idempotent, only with an Idempotency-Key the server honours)",
  },

  callValues(call, callee) {
    return callee.path.join('.') === 'extend' ? [{ kind: 'client', client: 'got', path: [], instance: call }] : [];
  },

  /** `got(url, options)`, `got.post(url, options)`, through `got.extend(options)` instances; not when got's own retry covers it. */
  callSite(call, value, { values, guards }) {
    let options: TSESTree.Node | undefined;
    let method: string | undefined;
    if (value.path.length === 0) {
      options = optionsOfUrlOrOptionsCall(call, values);
    } else if (value.path.length === 1 && METHODS.has(value.path[0] as string)) {
      options = call.arguments[1];
      method = (value.path[0] as string).toUpperCase();
    } else {
      return undefined;
    }
    if (options?.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const layers = [...(options ? [options] : []), ...instanceOptions(value.instance, values, 0)];
    const agents = layeredLookup(values, layers, 'agent');
    const agent = findKeepAliveAgent(
      agents.values.flatMap((candidate) =>
        candidate.kind === 'object' ? ['http', 'https'].flatMap((protocol) => values.lookupProperty(candidate.node, protocol).values) : [],
      ),
    );
    if (!agent) return undefined;
    if (method === undefined) {
      const methods = layeredLookup(values, layers, 'method');
      const names = methods.values.map((candidate) => (candidate.kind === 'string' ? candidate.value : undefined));
      if (names.length === 0 && methods.mayBeAbsent) method = 'GET';
      else if (names.length === 1 && names[0] !== undefined) method = names[0].toUpperCase();
      else return undefined;
    }
    const retry = layeredLookup(values, layers, 'retry');
    if (!retryIsOff(retry, method, values)) return undefined;
    if (guards.insideRetryWrapper(call)) return undefined;
    return { node: call, report: calleeReport(call), agent, nonIdempotent: !IDEMPOTENT_METHODS.has(method) };
  },
};

/** The options of a got instance, the latest `extend` first. */
function instanceOptions(instance: TSESTree.CallExpression | undefined, values: ValueResolver, depth: number): TSESTree.Node[] {
  if (!instance || depth > 4) return [];
  const own = [...instance.arguments].reverse().filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
  const callee = instance.callee;
  const base =
    callee.type === AST_NODE_TYPES.MemberExpression
      ? values
          .resolve(callee.object)
          .flatMap((value) => (value.kind === 'client' && value.client === 'got' ? instanceOptions(value.instance, values, depth + 1) : []))
      : [];
  return [...own, ...base];
}

/** Whether got certainly does not retry an ECONNRESET of `method` with these `retry` settings. */
function retryIsOff(retry: PropertyLookup, method: string, values: ValueResolver): boolean {
  const verdicts = retry.values.map((value) => {
    if (value.kind === 'constant') return value.value === 0 ? true : value.value === undefined ? !RETRIED_METHODS.includes(method) : undefined;
    if (value.kind !== 'object') return undefined;
    const limit = values.lookupProperty(value.node, 'limit');
    if (!limit.mayBeAbsent && limit.values.every((candidate) => candidate.kind === 'constant' && candidate.value === 0)) return true;
    const methods = stringList(value.node, 'methods', RETRIED_METHODS, values);
    if (methods && !methods.some((name) => name.toUpperCase() === method)) return true;
    const codes = stringList(value.node, 'errorCodes', ['ECONNRESET'], values);
    if (codes && !codes.includes('ECONNRESET')) return true;
    if (!methods || !codes) return undefined;
    return limit.values.some((candidate) => candidate.kind !== 'constant') ? undefined : false;
  });
  if (retry.mayBeAbsent) verdicts.push(!RETRIED_METHODS.includes(method));
  return verdicts.length > 0 && verdicts.every((verdict) => verdict === true);
}

/** A property that is an array literal of strings, `byDefault` when it is absent; `undefined` when it cannot be read. */
function stringList(object: TSESTree.Node, name: string, byDefault: readonly string[], values: ValueResolver): readonly string[] | undefined {
  const lookup = values.lookupProperty(object, name);
  if (lookup.mayBeAbsent && lookup.values.length === 0) return byDefault;
  if (lookup.mayBeAbsent || lookup.values.length !== 1) return undefined;
  const [value] = lookup.values;
  if (value?.kind !== 'array') return undefined;
  const strings = value.node.elements.map((element) => (element ? staticLiteralValue(element) : undefined));
  return strings.every((item): item is string => typeof item === 'string') ? strings : undefined;
}
