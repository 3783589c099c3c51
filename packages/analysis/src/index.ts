export { type AnalysisOptions, type Finding, type KeepAliveAgent, type RequestNode, findUnguardedRequests } from './analyze.js';
export type { AnalysisHost, HostDefinition, HostReference, HostVariable } from './host.js';
export type { HttpModuleName } from './modules.js';
export {
  type GlobalAgentOption,
  type GlobalAgentPolicy,
  type GlobalAgentPolicyInput,
  resolveGlobalAgentPolicy,
} from './node-version.js';
export { type ParseOptions, type ParsedFile, parseForAnalysis } from './standalone-host.js';
export { mayContainRequest } from './text.js';

/** Retry wrappers recognised when none are configured. */
export const DEFAULT_RETRY_WRAPPERS: readonly string[] = Object.freeze(['pRetry', 'retry', 'asyncRetry']);
