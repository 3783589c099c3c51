import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import type { ClientLibrary } from './client.js';
import { findKeepAliveAgent } from '../agents.js';
import { chainCalls, chainRoot } from '../ast/chains.js';
import { memberPropertyName, outermostWrapper, staticLiteralValue } from '../ast/predicates.js';
import type { ValueResolver } from '../values/resolver.js';

export const superagent: ClientLibrary<'superagent'> = {
  name: 'superagent',
  packages: ['superagent'],
  advice: {
    error: "ECONNRESET ('socket hang up')",
    guard: 'call `.retry(n)` on the request: superagent then retries ECONNRESET (for every method, so only on idempotent requests)',
  },

  /** Every call of superagent, or of a request it made, gives the request again. */
  callValues() {
    return [{ kind: 'client', client: 'superagent', path: [] }];
  },

  /** `request.get(url).agent(keepAliveAgent)`, with no `.retry()` on the request. */
  callSite(call, value, { values, guards }) {
    if (value.path.at(-1) !== 'agent') return undefined;
    const [argument] = call.arguments;
    if (call.arguments.length !== 1 || !argument || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const agent = findKeepAliveAgent(values.resolve(argument));
    if (!agent || retries(call, values) || guards.insideRetryWrapper(call)) return undefined;
    const { property } = call.callee;
    return {
      node: call,
      report: { range: [property.range[0], call.range[1]], loc: { start: property.loc.start, end: call.loc.end } },
      agent,
      nonIdempotent: false,
    };
  },
};

/** A `.retry()` (not `.retry(0)`) in the request's chain, or on a variable that holds the request. */
function retries(call: TSESTree.CallExpression, values: ValueResolver): boolean {
  const chain = [...chainCalls(call)];
  if (chain.some(isRetryCall)) return true;
  const holders: TSESTree.Node[] = [];
  const root = chainRoot(call);
  if (root.type === AST_NODE_TYPES.Identifier) holders.push(root);
  const end = outermostWrapper(chain.at(-1) ?? call);
  if (end.parent?.type === AST_NODE_TYPES.VariableDeclarator && end.parent.init === end) holders.push(end.parent.id);
  for (const holder of holders) {
    const variable = holder.type === AST_NODE_TYPES.Identifier ? values.variableOf(holder) : null;
    for (const reference of variable?.references ?? []) {
      if ([...chainCalls(reference.identifier)].some(isRetryCall)) return true;
    }
  }
  return false;
}

function isRetryCall(call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(call.callee) !== 'retry') return false;
  const [count] = call.arguments;
  return !count || staticLiteralValue(count) !== 0;
}
