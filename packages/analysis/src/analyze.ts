import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { GLOBAL_AGENT, UNRESOLVED_AGENT, describeAgent, describeCreation, keepAliveAgentsOf, neverLendsASocket, requestAgent } from './agents.js';
import { calleeReport } from './ast/callee.js';
import { contains, memberPropertyName, skipTransparentWrappers } from './ast/predicates.js';
import { descendants } from './ast/walk.js';
import { CLIENT_ADVICE, type ClientSite, ClientSites } from './clients/index.js';
import { isTypeScriptFile } from './file-kinds.js';
import type { Finding } from './finding.js';
import { type GlobalAgentPolicy, GlobalAgents } from './global-agent.js';
import { GuardFinder } from './guards.js';
import type { AnalysisHost } from './host.js';
import { isIdempotentRequest } from './http-methods.js';
import type { HttpModuleName } from './modules.js';
import { mayContainRequest, mayUseClient } from './pre-check.js';
import { type RequestNode, requestOptions } from './request-arguments.js';
import { requestChains } from './request-chain.js';
import { DEFAULT_MAX_RETRIES } from './rewrite/helper.js';
import { type RewriteContext, type RewritePlan, planRewrite } from './rewrite/plan.js';
import type { HelperImport } from './rewrite/helper-module.js';
import { detectStyle } from './rewrite/style.js';
import { excerpt } from './source-text.js';
import type { AgentValue, DispatcherValue } from './values/abstract-value.js';
import { ValueResolver } from './values/resolver.js';

export interface AnalysisOptions {
  /** Whether a request with no `agent` goes through a keep-alive global agent (see `resolveGlobalAgentPolicy`). */
  readonly globalAgent: GlobalAgentPolicy;
  /** Callee names (`pRetry`) or dotted paths (`backoff.retry`) of functions that retry what they are given. */
  readonly retryWrappers: readonly string[];
  /** How often the rewrite may send a request again (default 3). */
  readonly maxRetries?: number;
  /** The file's name; `.ts`, `.tsx`, `.mts` and `.cts` files get a typed helper. */
  readonly filename?: string;
  /** The package's helper module, imported instead of helpers added to the file (`--helper-module`, `helperModule`). */
  readonly helperImport?: HelperImport | undefined;
}

/**
 * Finds every request in `program` that goes through a keep-alive agent and
 * has no retry for a reused socket: one walk over the file collects the
 * requests of `http`/`https`, the assignments to a global agent and the
 * client libraries' sites; each request's agent (`agents.ts`) and guards
 * (`guards.ts`) are resolved after it.
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
  const globalAgents = new GlobalAgents(values, globalAgentAssignments, options.globalAgent);
  const findings: Finding[] = clientSites.flatMap((site) => {
    if (site.agent !== 'global') return [clientFinding(site, site.agent, host.sourceText)];
    // Clients pick http or https by URL: exposed when either global agent keeps sockets alive.
    const policy = globalAgents.policyFor(['http', 'https']);
    return policy.keepAlive ? [clientDefaultAgentFinding(site, policy.reason, host.sourceText)] : [];
  });
  if (requests.length === 0) return findings.sort(byReportPosition);

  let rewriteContext: RewriteContext | undefined;
  const planFor = (node: RequestNode): RewritePlan => {
    rewriteContext ??= {
      program,
      text: host.sourceText,
      values,
      style: detectStyle(host.sourceText, program, isTypeScriptFile(options.filename ?? '')),
      typescript: isTypeScriptFile(options.filename ?? ''),
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      helperImport: options.helperImport,
    };
    return planRewrite(node, rewriteContext);
  };
  const agents = new Map(requests.map(({ node }) => [node, requestAgent(node, values)]));
  // Per agent, once: whether it never lends a socket to any of the requests that go through it.
  const idleVerdicts = new Map<TSESTree.Node, boolean>();
  const neverLends = (agent: AgentValue): boolean => {
    let verdict = idleVerdicts.get(agent.creation);
    if (verdict === undefined) {
      const through = requests.map(({ node }) => node).filter((node) => {
        const other = agents.get(node);
        return other?.kind === 'agent' && other.creation === agent.creation;
      });
      verdict = neverLendsASocket(agent, through, values);
      idleVerdicts.set(agent.creation, verdict);
    }
    return verdict;
  };
  for (const { node, modules } of requests) {
    const agent = agents.get(node);
    if (agent === undefined) continue;
    if (agent.kind === 'imported') {
      if (guards.isGuarded(node)) continue;
      findings.push({ ...requestFinding(node, modules, values), via: 'another-module', specifier: agent.specifier });
    } else if (agent.kind === GLOBAL_AGENT.kind) {
      const policy = globalAgents.policyFor(modules);
      if (!policy.keepAlive || guards.isGuarded(node)) continue;
      findings.push({ ...requestFinding(node, modules, values), fix: planFor(node), via: 'global-agent', reason: policy.reason });
    } else if (agent.kind === UNRESOLVED_AGENT.kind) {
      // Exposed unless the callers say otherwise, when the global agent keeps sockets alive; below Node 19 nothing changes.
      const policy = globalAgents.policyFor(modules);
      if (!policy.keepAlive || guards.isGuarded(node)) continue;
      const plan = planFor(node);
      findings.push({
        ...requestFinding(node, modules, values),
        fix: plan.kind === 'rewrite' ? plan : { kind: 'skip', reason: 'unresolved-agent' },
        via: 'unresolved-agent',
        reason: policy.reason,
      });
    } else {
      // A keep-alive agent made for this one request (`{ agent: new http.Agent({ keepAlive: true }) }`), or one whose every request closes its socket, has no idle socket to lend.
      const candidates = keepAliveAgentsOf(node, values);
      const lending = (candidates.some((candidate) => candidate.creation === agent.creation) ? candidates : [agent]).filter(
        (candidate) => !((!candidate.origin && contains(node, candidate.creation)) || neverLends(candidate)),
      );
      const [exposedVia] = lending;
      if (exposedVia === undefined || guards.isGuarded(node)) continue;
      findings.push({
        ...requestFinding(node, modules, values),
        fix: planFor(node),
        via: 'keep-alive-agent',
        agent: describeAgent(exposedVia, host.sourceText, lending.slice(1)),
      });
    }
  }
  // In the order ESLint reports them, so that the codemod fixes sites in the order the suggestions would.
  return findings.sort(byReportPosition);
}

const byReportPosition = (a: Finding, b: Finding) => a.reportRange[0] - b.reportRange[0];

function clientFinding(site: ClientSite, agent: AgentValue | DispatcherValue, text: string): Finding {
  return {
    ...clientBase(site, text),
    via: 'client',
    client: site.client,
    agent: agent.kind === 'agent' ? describeAgent(agent, text) : { ...describeCreation(agent.creation, text), flavor: 'undici' },
    ...CLIENT_ADVICE[site.client],
  };
}

function clientDefaultAgentFinding(site: ClientSite, reason: string, text: string): Finding {
  return { ...clientBase(site, text), via: 'client-default-agent', client: site.client, reason, ...CLIENT_ADVICE[site.client] };
}

function clientBase(site: ClientSite, text: string) {
  return {
    node: site.node,
    range: [site.node.range[0], site.node.range[1]] as const,
    reportRange: site.report.range,
    reportLoc: site.report.loc,
    callee: excerpt(text, site.report.range),
    idempotent: !site.nonIdempotent,
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
  } else if (
    callee.type !== AST_NODE_TYPES.Identifier &&
    // `(secure ? https.request : http.request)(…)`, `(0, http_1.request)(…)` as TypeScript compiles a named import.
    callee.type !== AST_NODE_TYPES.ConditionalExpression &&
    callee.type !== AST_NODE_TYPES.LogicalExpression &&
    callee.type !== AST_NODE_TYPES.SequenceExpression
  ) {
    return [];
  }
  const modules = new Set<HttpModuleName>();
  for (const value of values.resolve(callee)) {
    if (isCall && value.kind === 'request-function') modules.add(value.module);
    if (!isCall && value.kind === 'client-request-class') modules.add('http');
  }
  return [...modules];
}

/** What every finding about a request of `http`/`https` says, whatever its agent. */
function requestFinding(
  node: RequestNode,
  modules: readonly HttpModuleName[],
  values: ValueResolver,
): Omit<Extract<Finding, { via: 'another-module' }>, 'via' | 'specifier'> {
  const report = calleeReport(node);
  const calls = requestChains(node, values).flatMap((chain) => chain.steps);
  return {
    node,
    range: [node.range[0], node.range[1]],
    reportRange: report.range,
    reportLoc: report.loc,
    callee: calleeName(node, modules, values.host.sourceText),
    idempotent: isIdempotentRequest(requestOptions(node, values), calls, values),
    modules,
  };
}

/**
 * The callee as a message names it: as written, on one line; one too long to
 * read, on a module chosen at run time, as what it calls
 * (`(opts.protocol === 'https:' ? https : http).request` is `request on http or https`).
 */
function calleeName(node: RequestNode, modules: readonly HttpModuleName[], text: string): string {
  const written = excerpt(text, calleeReport(node).range);
  const callee = skipTransparentWrappers(node.callee);
  if (!written.endsWith('…') || callee.type !== AST_NODE_TYPES.MemberExpression) return written;
  const method = memberPropertyName(callee);
  return method === undefined ? written : `${method} on ${modules.join(' or ')}`;
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
