import { DEFAULT_MAX_RETRIES, DEFAULT_RETRY_WRAPPERS, type GlobalAgentOption, MAX_RETRIES_BOUNDS } from '@keepalive-guard/analysis';

/** The options the rule and the codemod share, with the same names and meaning. */
export interface CodemodOptions {
  /** Whether a request with no `agent` goes through a keep-alive global agent. */
  readonly globalAgent: GlobalAgentOption;
  /** The Node versions the code runs on (semver range); otherwise `engines.node` decides. */
  readonly nodeVersion?: string | undefined;
  /** Functions that retry what they are given; requests inside them are guarded. */
  readonly retryWrappers: readonly string[];
  /** How often a request may be sent again. */
  readonly maxRetries: number;
  /** List (and rewrite, where safe) requests whose options or agent come from code the file does not show. */
  readonly reportUnresolvedAgent: boolean;
  /** `ts` or `tsx` to parse every file as TypeScript; by default each file as ESLint would parse it. */
  readonly parser?: 'ts' | 'tsx' | undefined;
  /**
   * Whether oxc-parser parses first (`true`, the default): it gives the same
   * tree as espree and typescript-estree, faster; they take over for any
   * text it reports an error in. `false` parses with them alone.
   */
  readonly fastParser?: boolean | undefined;
  /** One helper module per package (`.js`, `.mjs` or `.cjs`), imported by each rewritten file, instead of helpers in each file. */
  readonly helperModule?: string | undefined;
}

export const DEFAULT_OPTIONS: CodemodOptions = {
  globalAgent: 'auto',
  retryWrappers: DEFAULT_RETRY_WRAPPERS,
  maxRetries: DEFAULT_MAX_RETRIES,
  reportUnresolvedAgent: true,
};

const GLOBAL_AGENT_VALUES: readonly GlobalAgentOption[] = ['auto', 'keep-alive', 'off'];

/** Thrown for an option value that makes no sense; the CLI prints it as a usage error. */
export class OptionError extends Error {}

/**
 * Options from loosely typed sources (CLI flags, jscodeshift's option bag) into
 * `CodemodOptions`, with a clear error for a bad value.
 */
export function normalizeOptions(raw: Readonly<Record<string, unknown>>): CodemodOptions {
  const pick = (camel: string, kebab: string): unknown => raw[camel] ?? raw[kebab];
  const globalAgent = pick('globalAgent', 'global-agent') ?? DEFAULT_OPTIONS.globalAgent;
  if (!GLOBAL_AGENT_VALUES.includes(globalAgent as GlobalAgentOption)) {
    throw new OptionError(`--global-agent must be one of ${GLOBAL_AGENT_VALUES.join(', ')} (got '${String(globalAgent)}')`);
  }
  const maxRetriesRaw = pick('maxRetries', 'max-retries') ?? DEFAULT_OPTIONS.maxRetries;
  const maxRetries = Number(maxRetriesRaw);
  const { minimum, maximum } = MAX_RETRIES_BOUNDS;
  if (!Number.isInteger(maxRetries) || maxRetries < minimum || maxRetries > maximum) {
    throw new OptionError(`--max-retries must be a whole number from ${minimum} to ${maximum} (got '${String(maxRetriesRaw)}')`);
  }
  const wrappersRaw = pick('retryWrappers', 'retry-wrappers');
  const retryWrappers =
    wrappersRaw === undefined
      ? DEFAULT_OPTIONS.retryWrappers
      : (Array.isArray(wrappersRaw) ? wrappersRaw : [wrappersRaw])
          .flatMap((entry) => String(entry).split(','))
          .map((entry) => entry.trim())
          .filter(Boolean);
  const reportRaw = pick('reportUnresolvedAgent', 'report-unresolved-agent') ?? DEFAULT_OPTIONS.reportUnresolvedAgent;
  if (reportRaw !== true && reportRaw !== false && reportRaw !== 'true' && reportRaw !== 'false') {
    throw new OptionError(`--report-unresolved-agent must be true or false (got '${String(reportRaw)}')`);
  }
  const nodeVersion = pick('nodeVersion', 'node-version');
  const parser = pick('parser', 'parser');
  if (parser !== undefined && parser !== 'ts' && parser !== 'tsx') {
    throw new OptionError(`--parser must be ts or tsx (got '${String(parser)}')`);
  }
  const fastParser = pick('fastParser', 'fast-parser') ?? true;
  if (fastParser !== true && fastParser !== false && fastParser !== 'true' && fastParser !== 'false') {
    throw new OptionError(`--fast-parser must be true or false (got '${String(fastParser)}')`);
  }
  const helperModule = pick('helperModule', 'helper-module');
  if (helperModule !== undefined && (typeof helperModule !== 'string' || !/\.[cm]?js$/i.test(helperModule))) {
    throw new OptionError(
      `--helper-module must be the path of a .js, .mjs or .cjs file (got '${String(helperModule)}'); TypeScript files import it through a declaration file written beside it`,
    );
  }
  return {
    globalAgent: globalAgent as GlobalAgentOption,
    nodeVersion: nodeVersion === undefined ? undefined : String(nodeVersion),
    retryWrappers,
    maxRetries,
    reportUnresolvedAgent: reportRaw === true || reportRaw === 'true',
    parser,
    fastParser: fastParser === true || fastParser === 'true',
    helperModule,
  };
}
