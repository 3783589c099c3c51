import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_WRAPPERS,
  MAX_RETRIES_BOUNDS,
  type AnalysisHost,
  type GlobalAgentOption,
  type KeepAliveAgent,
  findUnguardedRequests,
  mayContainRequest,
  placeHelper,
  resolveGlobalAgentPolicy,
  withImportedDeclarations,
} from '@keepalive-guard/analysis';
import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRule } from '../util/create-rule.js';
import { eslintHost } from '../util/eslint-host.js';
import { configuredHelperModule, configuredNodeVersion, configuredReportUnresolvedAgent } from '../util/settings.js';

interface NoUnguardedRequestOptions {
  /** Whether a request with no `agent` goes through a keep-alive global agent. */
  globalAgent?: GlobalAgentOption;
  /** Node versions the code runs on (semver range); overrides settings and `engines.node`. */
  nodeVersion?: string;
  /** Functions that retry what they are given: callee names or dotted paths. */
  retryWrappers?: string[];
  /** How often the suggested retry may send a request again. */
  maxRetries?: number;
  /** Report requests that are not idempotent (they get no suggestion). */
  reportNonIdempotent?: boolean;
  /** Follow agents imported from other modules, with type information. */
  resolveImportedAgents?: boolean;
  /** Report requests whose options or agent come from code the file does not show. */
  reportUnresolvedAgent?: boolean;
  /** The package's helper module (as the codemod's `--helper-module`): the suggestion imports it. */
  helperModule?: string;
}

export type Options = [NoUnguardedRequestOptions];
export type MessageId =
  | 'unguardedKeepAliveAgent'
  | 'unguardedGlobalAgent'
  | 'unguardedUnknownAgent'
  | 'unguardedNonIdempotent'
  | 'unguardedClient'
  | 'unguardedClientDefaultAgent'
  | 'helperModuleMissing'
  | 'wrapWithRetry';

const DEFAULTS: NoUnguardedRequestOptions = {
  globalAgent: 'auto',
  retryWrappers: [...DEFAULT_RETRY_WRAPPERS],
  maxRetries: DEFAULT_MAX_RETRIES,
  reportNonIdempotent: true,
  resolveImportedAgents: false,
};

export const noUnguardedRequest = createRule<Options, MessageId>({
  name: 'no-unguarded-request',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description:
        'Require a retry for a reused socket on HTTP requests sent through a keep-alive agent',
      recommended: true,
    },
    messages: {
      unguardedKeepAliveAgent:
        '`{{callee}}` sends this request through {{agent}} (created {{where}}) ' +
        'with no retry for a reused socket. If the server closes that idle socket just as it is reused, ' +
        "the request fails with ECONNRESET. Retry in the 'error' listener when `req.reusedSocket` is true " +
        "and `err.code` is 'ECONNRESET'.",
      unguardedGlobalAgent:
        "`{{callee}}` sends this request through Node's global agent, which keeps sockets alive since " +
        'Node 19 ({{reason}}), with no retry for a reused socket. If the server closes that idle socket ' +
        "just as it is reused, the request fails with ECONNRESET. Retry in the 'error' listener when " +
        "`req.reusedSocket` is true and `err.code` is 'ECONNRESET', or pass `agent: false` or an agent without keepAlive.",
      unguardedUnknownAgent:
        '`{{callee}}`: the agent is not known here (the options or the agent come from outside this file); unless callers pass ' +
        "`agent: false` or an agent without keepAlive, Node's global agent keeps this socket alive since Node 19 " +
        '({{reason}}), and nothing retries the request for a reused socket. If the server closes that idle socket just ' +
        "as it is reused, the request fails with ECONNRESET. Retry in the 'error' listener when `req.reusedSocket` is " +
        "true and `err.code` is 'ECONNRESET'.",
      unguardedNonIdempotent:
        '`{{callee}}` sends a request that is not idempotent through a keep-alive agent ({{agent}}), with no retry for ' +
        'a reused socket. It can fail with ECONNRESET when the server closes that idle socket just as it is reused, and ' +
        'sending it again could repeat its effect. Set an `Idempotency-Key` header that the server honours and retry ' +
        "when `req.reusedSocket` is true and `err.code` is 'ECONNRESET', or send it with `agent: false`.",
      unguardedClient:
        '`{{callee}}`: {{client}} sends these requests through {{agent}} (created {{where}}), and nothing ' +
        'retries them when the server closes a pooled connection just as it is reused; they fail with {{error}}. To guard them, {{guard}}.',
      unguardedClientDefaultAgent:
        "`{{callee}}`: {{client}} sends these requests through Node's global agent, which keeps sockets alive since " +
        'Node 19 ({{reason}}), and nothing retries them when the server closes a pooled connection just as it is reused; ' +
        'they fail with {{error}}. To guard them, {{guard}}.',
      helperModuleMissing:
        '`{{callee}}` has no retry for a reused socket: if the server closes that idle socket just as it is reused, the request ' +
        'fails with ECONNRESET. The rewrite imports the helper module {{helper}} (`helperModule`), which does not exist yet: ' +
        'run `keepalive-guard-codemod --helper-module {{helper}}` on this package to write it and rewrite this request.',
      wrapWithRetry:
        'Send the request again when the server closed its reused socket (at most {{maxRetries}} times, idempotent requests only).',
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
          maxRetries: {
            type: 'integer',
            ...MAX_RETRIES_BOUNDS,
            description: 'How often the suggested retry may send a request again (the codemod\'s --max-retries).',
          },
          reportNonIdempotent: {
            type: 'boolean',
            description:
              'Report requests whose method is not idempotent (POST, PATCH, ...) and that carry no Idempotency-Key header. They get no suggestion: a retry could repeat their effect.',
          },
          reportUnresolvedAgent: {
            type: 'boolean',
            description:
              "Report requests whose options or agent come from code the file does not show (a parameter, `this.x` set from one, a function's result) when the global agent keeps sockets alive. Overrides `settings.keepaliveGuard.reportUnresolvedAgent`; default `true`.",
          },
          helperModule: {
            type: 'string',
            pattern: '\\.[cm]?js$',
            description:
              "The package's helper module, as the codemod's `--helper-module` (a .js, .mjs or .cjs path, relative to the working directory): the suggestion imports it instead of adding the helpers to the file. Overrides `settings.keepaliveGuard.helperModule`.",
          },
          resolveImportedAgents: {
            type: 'boolean',
            description:
              'Follow an agent imported from another module of the program to where it is created, and the callers of an exported function in the other modules, through TypeScript. Needs type information (`parserOptions.projectService`); `configs.recommended-type-checked` turns it on.',
          },
        },
      },
    ],
    defaultOptions: [DEFAULTS],
  },
  defaultOptions: [DEFAULTS],
  // Most files of a project name no module the rule follows: no listeners, nothing read, for them.
  mayApply: mayContainRequest,
  create(context, [options]) {
    const nodeVersion = options.nodeVersion ?? configuredNodeVersion(context.settings);
    const retryWrappers = options.retryWrappers ?? DEFAULT_RETRY_WRAPPERS;
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const reportUnresolvedAgent = options.reportUnresolvedAgent ?? configuredReportUnresolvedAgent(context.settings) ?? true;
    const helperModule = options.helperModule ?? configuredHelperModule(context.settings);
    return {
      Program(program) {
        // Per file: engines.node depends on where the file lives (cached per directory).
        const globalAgent = resolveGlobalAgentPolicy({ globalAgent: options.globalAgent ?? 'auto', nodeVersion, filename: context.filename });
        const host = eslintHost(context.sourceCode);
        // With a helper module the suggestion imports it, as the codemod does; one that is not written yet cannot be imported.
        const placement =
          helperModule === undefined
            ? undefined
            : placeHelper(path.resolve(context.cwd, context.filename), helperModule, program.body.some((statement) => /^(?:Import|Export)/.test(statement.type)), context.cwd);
        const missingHelper = placement !== undefined && ('outside' in placement || !existsSync(placement.helperPath));
        // Type information only when asked for, and then required (getParserServices says how to enable it).
        const findings = findUnguardedRequests(program, options.resolveImportedAgents ? typedHost(context, host) : host, {
          globalAgent,
          retryWrappers,
          maxRetries,
          filename: context.filename,
          helperImport: placement && 'import' in placement ? placement.import : undefined,
        });
        for (const finding of findings) {
          // Without type information the agent's module is unknown: not reported (the codemod lists it).
          if (finding.via === 'another-module') continue;
          if ((finding.via === 'unresolved-agent' || finding.via === 'client-default-agent') && !reportUnresolvedAgent) continue;
          const loc = finding.reportLoc;
          if (!finding.idempotent && options.reportNonIdempotent === false) continue;
          if (finding.via === 'client') {
            const { agent } = finding;
            context.report({
              loc,
              messageId: 'unguardedClient',
              data: {
                callee: quotedCallee(finding.callee),
                client: finding.client,
                agent: agentWords(agent, agent.flavor === 'undici' ? 'dispatcher' : 'agent'),
                where: whereCreated(agent, context.filename),
                error: finding.error,
                guard: finding.guard,
              },
            });
            continue;
          }
          if (finding.via === 'client-default-agent') {
            context.report({
              loc,
              messageId: 'unguardedClientDefaultAgent',
              data: { callee: quotedCallee(finding.callee), client: finding.client, reason: finding.reason, error: finding.error, guard: finding.guard },
            });
            continue;
          }
          const { fix } = finding;
          if (missingHelper && fix.kind === 'rewrite' && finding.idempotent && placement !== undefined) {
            // An editor cannot create the helper module: the codemod writes it, with this rewrite.
            const helper = 'outside' in placement ? helperModule : path.relative(context.cwd, placement.helperPath).split(path.sep).join('/');
            context.report({ loc, messageId: 'helperModuleMissing', data: { callee: quotedCallee(finding.callee), helper: helper ?? '' } });
            continue;
          }
          // The codemod's rewrite, offered (never applied) because it changes what the code does.
          const suggest =
            fix.kind === 'rewrite'
              ? [
                  {
                    messageId: 'wrapWithRetry' as const,
                    data: { maxRetries },
                    fix: (fixer: TSESLint.RuleFixer) => fix.edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text)),
                  },
                ]
              : [];
          const agent =
            finding.via === 'keep-alive-agent'
              ? finding.agent.inline
                ? 'an inline agent'
                : `\`${finding.agent.name}\``
              : finding.via === 'unresolved-agent'
                ? 'an agent that is not known here'
                : "Node's global agent";
          if (!finding.idempotent) {
            context.report({ loc, messageId: 'unguardedNonIdempotent', data: { callee: quotedCallee(finding.callee), agent } });
          } else if (finding.via === 'keep-alive-agent') {
            context.report({
              loc,
              messageId: 'unguardedKeepAliveAgent',
              data: { callee: quotedCallee(finding.callee), agent: agentWords(finding.agent, 'agent'), where: whereCreated(finding.agent, context.filename) },
              suggest,
            });
          } else if (finding.via === 'unresolved-agent') {
            context.report({
              loc,
              messageId: 'unguardedUnknownAgent',
              data: { callee: quotedCallee(finding.callee), reason: finding.reason },
              suggest,
            });
          } else {
            context.report({
              loc,
              messageId: 'unguardedGlobalAgent',
              data: { callee: quotedCallee(finding.callee), reason: finding.reason },
              suggest,
            });
          }
        }
      },
    };
  },
});

/**
 * "the keep-alive agent `pool`", "an inline keep-alive agent" for one created
 * in the request's own options, or "a keep-alive agent picked from `secure`
 * and `fast`" when the request may go through several.
 */
function agentWords(agent: KeepAliveAgent, kind: 'agent' | 'dispatcher'): string {
  // A `let` assigned twice is one name for both agents.
  const names = [...new Set([agent.inline ? `an inline ${kind}` : `\`${agent.name}\``, ...(agent.alternatives ?? []).map((other) => `\`${other.name}\``)])];
  if (names.length > 1) return `a keep-alive ${kind} picked from ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return agent.inline ? `an inline keep-alive ${kind}` : `the keep-alive ${kind} \`${agent.name}\``;
}

/** `request on http or https` (a module chosen at run time) reads "`request` on `http` or `https`" inside the message's backticks. */
function quotedCallee(callee: string): string {
  return callee.replace(/^(\w+) on (\w+)(?: or (\w+))?$/, (_, method: string, first: string, second?: string) =>
    second ? `${method}\` on \`${first}\` or \`${second}` : `${method}\` on \`${first}`,
  );
}

function typedHost(context: Readonly<TSESLint.RuleContext<MessageId, Options>>, host: AnalysisHost): AnalysisHost {
  const services = ESLintUtils.getParserServices(context);
  return withImportedDeclarations(host, {
    program: services.program,
    esTreeNodeToTSNode: (node) => services.esTreeNodeToTSNodeMap.get(node),
  });
}

/** `on line 6`, `on lines 6 and 9` for an agent picked from several, or `in ./agents.ts on line 6` for an agent imported from another module. */
function whereCreated(agent: KeepAliveAgent, filename: string): string {
  if (agent.alternatives) {
    const lines = [agent.line, ...agent.alternatives.map((other) => other.line)];
    return `on lines ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)}`;
  }
  if (agent.fileName === undefined) return `on line ${agent.line}`;
  const relative = path.relative(path.dirname(filename), agent.fileName).split(path.sep).join('/');
  return `in ${relative.startsWith('.') ? relative : `./${relative}`} on line ${agent.line}`;
}
