export { type AnalysisOptions, findUnguardedRequests } from './analyze.js';
export { CLIENT_ADVICE, type ClientName } from './clients/index.js';
export { type Finding, type KeepAliveAgent, rewriteOf } from './finding.js';
export { DEFAULT_MAX_RETRIES, MAX_RETRIES_BOUNDS, RETRY_HELPER, retryHelperSource } from './rewrite/helper.js';
export { type RewritePlan, SKIP_REASONS, type SkipReason, type TextEdit } from './rewrite/plan.js';
export {
  HELPER_MODULE_MARKER,
  HELPER_NAMES,
  type HelperImport,
  type HelperModuleFormat,
  helperDeclarationSource,
  helperModuleSource,
} from './rewrite/helper-module.js';
export { replaceHelperCopies } from './rewrite/helper-copies.js';
export { type HelperPlacement, existingDirectory, packageType, placeHelper } from './helper-placement.js';
export { type CodeStyle, detectStyle } from './rewrite/style.js';
export type { RequestNode } from './request-arguments.js';
export { type AgentTimeoutOptions, type AgentWithoutTimeout, findAgentsWithoutTimeout } from './agent-timeout.js';
export type { AnalysisHost, HostDefinition, HostReference, HostVariable, ImportedDeclaration } from './host.js';
export { type TypeInformation, withImportedDeclarations } from './typed-imports.js';
export type { HttpModuleName } from './modules.js';
export {
  type GlobalAgentOption,
  type GlobalAgentPolicy,
  type GlobalAgentPolicyInput,
  nearestEngines,
  resolveGlobalAgentPolicy,
} from './global-agent.js';
export { type FastParser, type ParseOptions, type ParsedFile, parseForAnalysis } from './standalone-host.js';
export { mayContainAgent, mayContainRequest } from './pre-check.js';

/** Retry wrappers recognised when none are configured. */
export const DEFAULT_RETRY_WRAPPERS: readonly string[] = Object.freeze(['pRetry', 'retry', 'asyncRetry']);
