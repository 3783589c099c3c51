import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { calleeReport } from './ast/callee.js';
import { memberPropertyName, outermostWrapper, skipTransparentWrappers, staticKeyName } from './ast/predicates.js';
import { descendants } from './ast/walk.js';
import { CLIENT_ADVICE, type ClientSite, ClientSites } from './clients.js';
import { GuardFinder } from './guards.js';
import type { AnalysisHost } from './host.js';
import type { ClientName, HttpModuleName } from './modules.js';
import { type RequestNode, requestOptions } from './request-arguments.js';
import type { GlobalAgentPolicy } from './node-version.js';
import { type RewriteContext, type RewritePlan, planRewrite } from './rewrite/plan.js';
import { detectStyle } from './rewrite/style.js';
import { excerpt, mayContainRequest, mayUseClient } from './text.js';
import { type AbstractValue, type PropertyLookup, ValueResolver, findKeepAliveAgent } from './values.js';
import { isTypeScriptFile } from './file-kinds.js';
import { DEFAULT_MAX_RETRIES } from './rewrite/helper.js';

export interface AnalysisOptions {
  /** Whether a request with no `agent` goes through a keep-alive global agent (see `resolveGlobalAgentPolicy`). */
  readonly globalAgent: GlobalAgentPolicy;
  /** Callee names (`pRetry`) or dotted paths (`backoff.retry`) of functions that retry what they are given. */
  readonly retryWrappers: readonly string[];
  /** How often the rewrite may send a request again (default 3). */
  readonly maxRetries?: number;
  /** The file's name; `.ts`, `.tsx`, `.mts` and `.cts` files get a typed helper. */
  readonly filename?: string;
}

export interface KeepAliveAgent {
  /** How the code refers to the agent: `keepAliveAgent`, `this.agent`, or its creation. */
  readonly name: string;
  readonly line: number;
  readonly range: readonly [number, number];
  /** `undici`: an undici dispatcher (`Agent`, `Pool`), which keeps connections alive by default. */
  readonly flavor: 'http' | 'https' | 'agentkeepalive' | 'undici';
  /** The module that creates it, when that is not the analysed file (with type information only). */
  readonly fileName?: string;
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
  readonly modules: readonly HttpModuleName[];
  /** The rewrite into a bounded retry, or why there is none. */
  readonly fix: RewritePlan;
}

/** A request sent through a keep-alive agent with no retry for a reused socket. */
export type Finding =
  | (FindingBase & { readonly via: 'keep-alive-agent'; readonly agent: KeepAliveAgent })
  | (FindingBase & { readonly via: 'global-agent'; readonly reason: string })
  /**
   * The agent is imported from `specifier` and the host cannot read that
   * module (no type information): maybe keep-alive, maybe not. The rule does
   * not report these; the codemod lists them as skipped.
   */
  | (FindingBase & { readonly via: 'another-module'; readonly specifier: string })
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
      /** got does not retry it because its method is not idempotent. */
      readonly nonIdempotent: boolean;
    });

/**
 * Finds every request in `program` that goes through a keep-alive agent and
 * has no retry for a reused socket.
 */
export function findUnguardedRequests(
  program: TSESTree.Program,
  host: AnalysisHost,
  options: AnalysisOptions,
): Finding[] {
  if (!mayContainRequest(host.sourceText)) return [];
  assertEstree(program);
  const values = new ValueResolver(host);
  const guards = new GuardFinder(values, options.retryWrappers);
  const requests: { node: RequestNode; modules: HttpModuleName[] }[] = [];
  const globalAgentAssignments: TSESTree.AssignmentExpression[] = [];
  // Client packages are looked for in the same walk, and only in files that name one.
  const clients = mayUseClient(host.sourceText) ? new ClientSites(program, values, guards) : undefined;
  const clientSites: ClientSite[] = [];

  for (const node of descendants(program)) {
    const clientSite = clients?.siteAt(node);
    if (clientSite) clientSites.push(clientSite);
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const modules = requestModules(node, values);
      if (modules.length > 0) requests.push({ node, modules });
    } else if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      memberPropertyName(node.left) === 'globalAgent'
    ) {
      globalAgentAssignments.push(node);
    }
  }
  const findings: Finding[] = clientSites.map((site) => clientFinding(site, host.sourceText));
  if (requests.length === 0) return findings.sort(byReportPosition);

  const globalAgents = new GlobalAgents(values, globalAgentAssignments, options.globalAgent);
  let rewriteContext: RewriteContext | undefined;
  const planFor = (node: RequestNode): RewritePlan => {
    rewriteContext ??= {
      program,
      text: host.sourceText,
      values,
      style: detectStyle(host.sourceText, program),
      typescript: isTypeScriptFile(options.filename ?? ''),
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    };
    return planRewrite(node, rewriteContext);
  };
  for (const { node, modules } of requests) {
    const agent = requestAgent(node, values);
    if (agent === undefined) continue;
    if (agent.kind === 'imported') {
      if (guards.isGuarded(node)) continue;
      findings.push({
        ...findingBase(node, modules, host.sourceText),
        fix: { kind: 'skip', reason: 'agent-in-another-module' },
        via: 'another-module',
        specifier: agent.specifier,
      });
    } else if (agent.kind === 'global') {
      const policy = globalAgents.policyFor(modules);
      if (!policy.keepAlive || guards.isGuarded(node)) continue;
      findings.push({ ...findingBase(node, modules, host.sourceText), fix: planFor(node), via: 'global-agent', reason: policy.reason });
    } else if (!guards.isGuarded(node)) {
      findings.push({
        ...findingBase(node, modules, host.sourceText),
        fix: planFor(node),
        via: 'keep-alive-agent',
        agent: describeAgent(agent, host.sourceText),
      });
    }
  }
  // In the order ESLint reports them, so that the codemod fixes sites in the order the suggestions would.
  return findings.sort(byReportPosition);
}

const byReportPosition = (a: Finding, b: Finding) => a.reportRange[0] - b.reportRange[0];

function clientFinding(site: ClientSite, text: string): Finding {
  return {
    node: site.node,
    range: [site.node.range[0], site.node.range[1]],
    reportRange: site.report.range,
    reportLoc: site.report.loc,
    callee: excerpt(text, site.report.range),
    modules: [],
    fix: { kind: 'skip', reason: `client-${site.client}` },
    via: 'client',
    client: site.client,
    agent:
      site.agent.kind === 'agent'
        ? describeAgent(site.agent, text)
        : { ...describeCreation(site.agent.creation, text), flavor: 'undici' },
    ...CLIENT_ADVICE[site.client],
    nonIdempotent: site.nonIdempotent,
  };
}

/** The modules a call sends its request with, or `[]` when it is not a request. */
function requestModules(node: RequestNode, values: ValueResolver): HttpModuleName[] {
  const callee = skipTransparentWrappers(node.callee);
  const isCall = node.type === AST_NODE_TYPES.CallExpression;
  // Cheap shape checks first, so that only plausible callees are resolved.
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberPropertyName(callee);
    if (name !== (isCall ? 'request' : 'ClientRequest') && !(isCall && name === 'get')) return [];
  } else if (callee.type !== AST_NODE_TYPES.Identifier) {
    return [];
  }
  const modules = new Set<HttpModuleName>();
  for (const value of values.resolve(callee)) {
    if (isCall && value.kind === 'request-function') modules.add(value.module);
    if (!isCall && value.kind === 'client-request-class') modules.add('http');
  }
  return [...modules];
}

type AgentValue = Extract<AbstractValue, { kind: 'agent' }>;
type ImportedValue = Extract<AbstractValue, { kind: 'imported' }>;
const GLOBAL = { kind: 'global' } as const;

/**
 * The agent a request goes through: a keep-alive agent, the global agent,
 * one imported from a module the host cannot read, or `undefined` when it is
 * not keep-alive or cannot be known.
 */
function requestAgent(node: RequestNode, values: ValueResolver): AgentValue | typeof GLOBAL | ImportedValue | undefined {
  const options = requestOptions(node, values);
  if (options === 'unknown') return undefined;
  const lookup: PropertyLookup = options ? values.lookupProperty(options, 'agent') : { values: [], mayBeAbsent: true };
  if (options && !values.lookupProperty(options, 'createConnection').mayBeAbsent) return undefined;
  const keepAlive = findKeepAliveAgent(lookup.values);
  if (keepAlive) return keepAlive;
  const imported = lookup.values.find((value): value is ImportedValue => value.kind === 'imported');
  if (imported) return imported;
  let global = lookup.mayBeAbsent;
  for (const value of lookup.values) {
    if (value.kind === 'global-agent' || (value.kind === 'constant' && value.value == null)) global = true;
    else if (!(value.kind === 'agent' && value.keepAlive === false) && !(value.kind === 'constant' && value.value === false)) {
      return undefined;
    }
  }
  return global ? GLOBAL : undefined;
}

/** What the file does to `http.globalAgent` / `https.globalAgent`, over the configured policy. */
class GlobalAgents {
  readonly #assigned = new Map<HttpModuleName, { keepAlive: boolean; line: number; text: string }>();
  readonly #policy: GlobalAgentPolicy;

  constructor(values: ValueResolver, assignments: readonly TSESTree.AssignmentExpression[], policy: GlobalAgentPolicy) {
    this.#policy = policy;
    for (const assignment of assignments) {
      const target = assignment.left as TSESTree.MemberExpression;
      const agents = values.resolve(assignment.right);
      const keepAlive = agents.some((value) => value.kind === 'agent' && value.keepAlive === true);
      const closed = agents.every((value) => value.kind === 'agent' && value.keepAlive === false);
      if (!keepAlive && !closed) continue;
      for (const value of values.resolve(target.object)) {
        if (value.kind !== 'http-module') continue;
        const text = `${excerpt(values.host.sourceText, target.range)}`;
        this.#assigned.set(value.module, { keepAlive, line: assignment.loc.start.line, text });
      }
    }
  }

  policyFor(modules: readonly HttpModuleName[]): GlobalAgentPolicy {
    for (const module of modules) {
      const assigned = this.#assigned.get(module);
      if (assigned?.keepAlive) {
        return { keepAlive: true, reason: `${assigned.text} is set to a keep-alive agent on line ${assigned.line}` };
      }
    }
    if (modules.every((module) => this.#assigned.has(module))) {
      return { keepAlive: false, reason: 'the file sets the global agent to one without keep-alive' };
    }
    return this.#policy;
  }
}

function findingBase(node: RequestNode, modules: readonly HttpModuleName[], text: string): Omit<FindingBase, 'fix'> {
  const report = calleeReport(node);
  return {
    node,
    range: [node.range[0], node.range[1]],
    reportRange: report.range,
    reportLoc: report.loc,
    callee: excerpt(text, report.range),
    modules,
  };
}

function describeAgent(agent: AgentValue, text: string): KeepAliveAgent {
  const { creation, origin } = agent;
  const described = { ...describeCreation(creation, origin?.sourceText ?? text), flavor: agent.flavor };
  return origin ? { ...described, fileName: origin.fileName } : described;
}

function describeCreation(creation: TSESTree.Node, text: string): Pick<KeepAliveAgent, 'name' | 'line' | 'range'> {
  return { name: agentName(creation, text), line: creation.loc.start.line, range: [creation.range[0], creation.range[1]] };
}

/** The name the code gives the agent where it is created. */
export function agentName(creation: TSESTree.Node, text: string): string {
  const outer = outermostWrapper(creation);
  const parent = outer.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      if (parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
      break;
    case AST_NODE_TYPES.AssignmentExpression:
      return excerpt(text, parent.left.range);
    case AST_NODE_TYPES.PropertyDefinition: {
      const key = staticKeyName(parent.key, parent.computed);
      if (key !== undefined) return `this.${key}`;
      break;
    }
    case AST_NODE_TYPES.Property: {
      const key = staticKeyName(parent.key, parent.computed);
      if (key !== undefined && parent.value === outer) return key;
      break;
    }
    default:
      break;
  }
  return excerpt(text, creation.range);
}

/** The analysis reads ESTree with ranges; a Babel tree (jscodeshift's parsers) has neither `range` nor `Literal`. */
function assertEstree(program: TSESTree.Program): void {
  if (program.type !== AST_NODE_TYPES.Program || !Array.isArray(program.range)) {
    throw new TypeError(
      'keepalive-guard: findUnguardedRequests needs an ESTree Program with ranges (as ESLint gives it). ' +
        'For other parsers, parse the text with parseForAnalysis() instead.',
    );
  }
}
