import { type ClientLibrary, optionsArgument } from './client.js';
import { findKeepAliveAgent } from '../agents.js';
import { calleeReport } from '../ast/callee.js';
import { returnedExpressions } from '../ast/walk.js';

export const nodeFetch: ClientLibrary<'node-fetch'> = {
  name: 'node-fetch',
  packages: ['node-fetch'],
  advice: {
    error: 'a FetchError with code ECONNRESET',
    guard:
      "node-fetch never retries: send it again when the error's `code` is 'ECONNRESET' and the method is idempotent, in a `catch` that checks it or inside a retry wrapper such as p-retry",
  },

  /** `fetch(url, { agent })`: an agent, or a function that returns one per URL. */
  callSite(call, value, { values, guards }) {
    if (value.path.length > 0) return undefined;
    const options = optionsArgument(call, 1);
    if (!options) return undefined;
    const agents = values
      .lookupProperty(options, 'agent')
      .values.flatMap((candidate) =>
        candidate.kind === 'function' ? returnedExpressions(candidate.node).flatMap((returned) => values.resolve(returned)) : [candidate],
      );
    const agent = findKeepAliveAgent(agents);
    if (!agent || guards.promiseGuarded(call)) return undefined;
    return { node: call, report: calleeReport(call), agent, nonIdempotent: false };
  },
};
