import { findAgentsWithoutTimeout, mayContainAgent } from '@keepalive-guard/analysis';
import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { eslintHost } from '../util/eslint-host.js';

interface RequireAgentTimeoutOptions {
  /** The value the suggestion sets, in milliseconds. */
  timeout?: number;
}

export type Options = [RequireAgentTimeoutOptions];
export type MessageId = 'missingTimeout' | 'freeSocketTimeoutOff' | 'setTimeout';

/** Below Node's own server keep-alive timeout (5 s), the most common one to meet. */
const DEFAULT_TIMEOUT = 4000;

export const requireAgentTimeout = createRule<Options, MessageId>({
  name: 'require-agent-timeout',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Require keep-alive agents to close idle sockets before servers do',
      recommended: true,
    },
    messages: {
      missingTimeout:
        'The keep-alive agent `{{agent}}` has no `timeout`, so it keeps idle sockets for as long as the server lets ' +
        "it and ignores the server's `Keep-Alive: timeout=N` hint (Node honours it only when the agent has a timeout). " +
        'A request that reuses a socket the server is closing fails with ECONNRESET. Give the agent a `timeout` shorter ' +
        "than the servers' keep-alive timeout (Node's own server closes idle sockets after 5 s).",
      freeSocketTimeoutOff:
        'The agentkeepalive agent `{{agent}}` sets `freeSocketTimeout: 0`, so it keeps idle sockets forever. A request ' +
        'that reuses a socket the server is closing fails with ECONNRESET. Set `freeSocketTimeout` shorter than the ' +
        "servers' keep-alive timeout (agentkeepalive's default is 4 s).",
      setTimeout:
        "Set `{{option}}: {{timeout}}`. An agent's timeout also applies to the sockets of requests in flight: code that " +
        "destroys a request on 'timeout' will then abort responses that stay silent for longer than {{timeout}} ms.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          timeout: {
            type: 'integer',
            minimum: 1,
            description: 'The idle timeout, in milliseconds, that the suggestion sets. Keep it below your servers\' keep-alive timeout.',
          },
        },
      },
    ],
    defaultOptions: [{ timeout: DEFAULT_TIMEOUT }],
  },
  defaultOptions: [{ timeout: DEFAULT_TIMEOUT }],
  // Most files of a project name no module the rule follows: no listeners, nothing read, for them.
  mayApply: mayContainAgent,
  create(context, [options]) {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    return {
      Program(program) {
        for (const agent of findAgentsWithoutTimeout(program, eslintHost(context.sourceCode), { timeout })) {
          const { fix } = agent;
          context.report({
            loc: agent.reportLoc,
            messageId: agent.option === 'timeout' ? 'missingTimeout' : 'freeSocketTimeoutOff',
            data: { agent: agent.name },
            suggest: fix
              ? [
                  {
                    messageId: 'setTimeout' as const,
                    data: { option: agent.option, timeout },
                    fix: (fixer: TSESLint.RuleFixer) => fix.map((edit) => fixer.replaceTextRange(edit.range, edit.text)),
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});
