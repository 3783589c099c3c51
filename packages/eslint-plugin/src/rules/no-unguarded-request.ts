import {
  DEFAULT_RETRY_WRAPPERS,
  type GlobalAgentOption,
  findUnguardedRequests,
  resolveGlobalAgentPolicy,
} from '@keepalive-guard/analysis';
import { createRule } from '../util/create-rule.js';
import { eslintHost } from '../util/eslint-host.js';
import { configuredNodeVersion } from '../util/settings.js';

export interface NoUnguardedRequestOptions {
  /** Whether a request with no `agent` goes through a keep-alive global agent. */
  globalAgent?: GlobalAgentOption;
  /** Node versions the code runs on (semver range); overrides settings and `engines.node`. */
  nodeVersion?: string;
  /** Functions that retry what they are given: callee names or dotted paths. */
  retryWrappers?: string[];
}

export type Options = [NoUnguardedRequestOptions];
export type MessageId = 'unguardedKeepAliveAgent' | 'unguardedGlobalAgent';

export const noUnguardedRequest = createRule<Options, MessageId>({
  name: 'no-unguarded-request',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require a retry for a reused socket on HTTP requests sent through a keep-alive agent',
      recommended: true,
    },
    messages: {
      unguardedKeepAliveAgent:
        '`{{callee}}` sends this request through the keep-alive agent `{{agent}}` (created on line {{line}}) ' +
        'with no retry for a reused socket. If the server closes that idle socket just as it is reused, ' +
        "the request fails with ECONNRESET. Retry in the 'error' listener when `req.reusedSocket` is true " +
        "and `err.code` is 'ECONNRESET'.",
      unguardedGlobalAgent:
        "`{{callee}}` sends this request through Node's global agent, which keeps sockets alive since " +
        'Node 19 ({{reason}}), with no retry for a reused socket. If the server closes that idle socket ' +
        "just as it is reused, the request fails with ECONNRESET. Retry in the 'error' listener when " +
        "`req.reusedSocket` is true and `err.code` is 'ECONNRESET', or pass `agent: false` or an agent without keepAlive.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          globalAgent: {
            type: 'string',
            enum: ['auto', 'keep-alive', 'off'],
            description:
              "Whether requests without an `agent` use a keep-alive global agent: 'keep-alive' always, 'off' never, " +
              "'auto' from `nodeVersion`, `settings.keepaliveGuard.nodeVersion` or `engines.node` (keep-alive when Node 19 or later is admitted).",
          },
          nodeVersion: {
            type: 'string',
            description:
              'The Node versions the code runs on, as a semver range. Overrides `settings.keepaliveGuard.nodeVersion` and `engines.node`.',
          },
          retryWrappers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Functions that retry the function they are given (matched by callee name such as `pRetry`, or by a dotted path such as `backoff.retry`). Requests sent inside them count as guarded. Replaces the default list.',
          },
        },
      },
    ],
    defaultOptions: [{ globalAgent: 'auto', retryWrappers: [...DEFAULT_RETRY_WRAPPERS] }],
  },
  defaultOptions: [{ globalAgent: 'auto', retryWrappers: [...DEFAULT_RETRY_WRAPPERS] }],
  create(context, [options]) {
    // Per file: engines.node depends on where the file lives (cached per directory).
    const globalAgent = resolveGlobalAgentPolicy({
      globalAgent: options.globalAgent ?? 'auto',
      nodeVersion: options.nodeVersion ?? configuredNodeVersion(context.settings),
      filename: context.filename,
    });
    const retryWrappers = options.retryWrappers ?? DEFAULT_RETRY_WRAPPERS;
    return {
      Program(program) {
        const findings = findUnguardedRequests(program, eslintHost(context.sourceCode), { globalAgent, retryWrappers });
        for (const finding of findings) {
          const loc = {
            start: context.sourceCode.getLocFromIndex(finding.reportRange[0]),
            end: context.sourceCode.getLocFromIndex(finding.reportRange[1]),
          };
          if (finding.via === 'keep-alive-agent') {
            context.report({
              loc,
              messageId: 'unguardedKeepAliveAgent',
              data: { callee: finding.callee, agent: finding.agent.name, line: finding.agent.line },
            });
          } else {
            context.report({
              loc,
              messageId: 'unguardedGlobalAgent',
              data: { callee: finding.callee, reason: finding.reason },
            });
          }
        }
      },
    };
  },
});
