import type { TSESTree } from '@typescript-eslint/types';
import type { ClientName } from './clients/index.js';
import type { HttpModuleName } from './modules.js';
import type { RewritePlan } from './rewrite/plan.js';
import type { AgentFlavor } from './values/abstract-value.js';

/** The agent a finding names. */
export interface KeepAliveAgent {
  /** How the code refers to the agent: `keepAliveAgent`, `this.agent`, or its creation. */
  readonly name: string;
  readonly line: number;
  readonly range: readonly [number, number];
  /** Created in the request's own options (`{ agent: new http.Agent(…) }`), where it has no name of its own. */
  readonly inline?: true;
  /** `undici`: an undici dispatcher (`Agent`, `Pool`), which keeps connections alive by default. */
  readonly flavor: AgentFlavor | 'undici';
  /** The module that creates it, when that is not the analysed file (with type information only). */
  readonly fileName?: string;
  /** The other keep-alive agents of this file the request may go through, when it is picked from several (`tls ? secure : fast`). */
  readonly alternatives?: readonly { readonly name: string; readonly line: number }[];
}

interface FindingBase {
  /** The request (for a client, also `axios.defaults.httpAgent = …`). */
  readonly node: TSESTree.Node;
  /** The whole request expression. */
  readonly range: readonly [number, number];
  /** What to underline: the callee (`http.get`, `new ClientRequest`). */
  readonly reportRange: readonly [number, number];
  /** `reportRange` as lines (1-based) and columns (0-based). */
  readonly reportLoc: TSESTree.SourceLocation;
  readonly callee: string;
  /**
   * `false` when sending the request again could repeat its effect. For a
   * request of `http`/`https`: it certainly uses a method that RFC 9110 does
   * not call idempotent (POST, PATCH, CONNECT, …) and may carry no
   * Idempotency-Key header (in its options or set on it). For a client: got
   * with such a method, which is why got does not retry it; the other
   * clients' findings are not about one request's method.
   */
  readonly idempotent: boolean;
}

/** A request of Node's `http`/`https`. */
interface RequestFindingBase extends FindingBase {
  readonly modules: readonly HttpModuleName[];
}

/** A request sent through a keep-alive agent with no retry for a reused socket. */
export type Finding =
  | (RequestFindingBase & {
      readonly via: 'keep-alive-agent';
      readonly agent: KeepAliveAgent;
      /** The rewrite into a bounded retry, or why there is none. */
      readonly fix: RewritePlan;
    })
  | (RequestFindingBase & {
      readonly via: 'global-agent';
      /** Why the global agent counts as keep-alive here. */
      readonly reason: string;
      readonly fix: RewritePlan;
    })
  /**
   * The options or the agent come from code the file does not show (a
   * parameter, `this.x` set from one, a function's result), and the global
   * agent is keep-alive (`reason`): unless the callers pass `agent: false` or
   * an agent without keep-alive, the request is exposed. `fix` is the
   * rewrite when the planner proves it safe (it is, whatever the agent), else
   * a skip with the reason `unresolved-agent`.
   */
  | (RequestFindingBase & {
      readonly via: 'unresolved-agent';
      readonly reason: string;
      readonly fix: RewritePlan;
    })
  /**
   * The agent is imported from `specifier` and the host cannot read that
   * module (no type information): maybe keep-alive, maybe not. The rule does
   * not report these; the codemod lists them as skipped.
   */
  | (RequestFindingBase & { readonly via: 'another-module'; readonly specifier: string })
  /**
   * A client package (axios, node-fetch, got, superagent, undici) given an
   * explicit keep-alive agent, with nothing that retries a reused socket's
   * reset. Never rewritten: `guard` says what would count as guarded.
   */
  | (FindingBase & {
      readonly via: 'client';
      readonly client: ClientName;
      readonly agent: KeepAliveAgent;
      /** How the request fails in the race. */
      readonly error: string;
      /** What would count as guarded. */
      readonly guard: string;
    })
  /**
   * A client package on Node's global agent, when it counts as keep-alive
   * (`reason`): an axios instance where `axios.create()` makes it, the
   * default `axios` where a file first uses it. Never rewritten.
   */
  | (FindingBase & {
      readonly via: 'client-default-agent';
      readonly client: ClientName;
      readonly reason: string;
      readonly error: string;
      readonly guard: string;
    });

/**
 * What the codemod does with a finding: the rewrite, or why there is none
 * (a client's request, an agent in a module it does not read, or the
 * planner's reason).
 */
export function rewriteOf(finding: Finding): RewritePlan {
  switch (finding.via) {
    case 'client':
    case 'client-default-agent':
      return { kind: 'skip', reason: `client-${finding.client}` };
    case 'another-module':
      return { kind: 'skip', reason: 'agent-in-another-module' };
    default:
      return finding.fix;
  }
}
