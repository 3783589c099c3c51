import {
  type Finding,
  HELPER_MODULE_MARKER,
  type ParsedFile,
  SKIP_REASONS,
  type SkipReason,
  type TextEdit,
  findUnguardedRequests,
  mayContainRequest,
  parseForAnalysis,
  replaceHelperCopies,
  resolveGlobalAgentPolicy,
  rewriteOf,
} from '@keepalive-guard/analysis';
import { disabledLines } from './disable-directives.js';
import { oxcParser } from './fast-parser.js';
import type { HelperPlacement } from '@keepalive-guard/analysis';
import type { CodemodOptions } from './options.js';

/** One request the rule reports, and what the codemod did with it. */
export interface SiteReport {
  /** 1-based, as editors and ESLint show them. */
  readonly line: number;
  readonly column: number;
  readonly callee: string;
  readonly status: 'rewritten' | 'skipped';
  readonly reason?: SkipReason;
  readonly message?: string;
}

export interface SourceResult {
  /** The new text, or `undefined` when nothing changed (the file is not to be written). */
  readonly output: string | undefined;
  /** Sites in the order of the input, each rewritten or skipped with its reason. */
  readonly sites: readonly SiteReport[];
  /** Sites left alone because an eslint-disable comment turns the rule off there. */
  readonly disabled: number;
  /** Whether the text was parsed at all (a file that never mentions http is not). */
  readonly parsed: boolean;
  /** With a helper module: the one the output imports. */
  readonly helper?: Extract<HelperPlacement, { helperPath: string }> | undefined;
  /** With a helper module: the one this file would import, changed or not (its checks apply to every run). */
  readonly placedHelper?: string | undefined;
}

/** The file does not parse; its text is left exactly as it was. */
export class SourceParseError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    // espree and typescript-estree both put the position on the error.
    const { lineNumber, column } = (cause ?? {}) as { lineNumber?: unknown; column?: unknown };
    const at = typeof lineNumber === 'number' && typeof column === 'number' ? `:${lineNumber}:${column}` : '';
    super(`${file}${at}: ${cause instanceof Error ? cause.message.replace(/\s*\(\d+:\d+\)$/, '') : String(cause)}`, { cause });
  }
}

/**
 * Whether a text can hold a request to rewrite: it names an http module or
 * client (the text pre-check), and it is not the helper module this codemod
 * wrote (not code of the project's to rewrite).
 */
export function worthParsing(text: string): boolean {
  return mayContainRequest(text) && !text.startsWith(HELPER_MODULE_MARKER);
}

/**
 * Rewrites every unguarded request of one file that can be rewritten safely.
 * Sites are fixed one at a time, first to last, re-analysing in between:
 * exactly what applying the rule's suggestions one by one does, so the two
 * cannot disagree. The result is parsed once more, and must leave only the
 * skipped sites reported, or nothing is returned.
 */
export function rewriteSource(
  text: string,
  file: string,
  options: CodemodOptions,
  placeHelper?: (usesEsmSyntax: boolean) => HelperPlacement,
): SourceResult {
  if (!worthParsing(text)) return { output: undefined, sites: [], disabled: 0, parsed: false };
  let placement: HelperPlacement | undefined;
  let placedHelper: string | undefined;
  const analyse = (source: string) => {
    let parsed: ParsedFile;
    try {
      parsed = parseForAnalysis(source, { filePath: parsePath(file, options.parser), fastParser: options.fastParser === false ? undefined : oxcParser() });
    } catch (error) {
      throw new SourceParseError(file, error);
    }
    const isDisabled = disabledLines(parsed.program.comments ?? []);
    const findings = findUnguardedRequests(parsed.program, parsed.host, {
      globalAgent: resolveGlobalAgentPolicy({
        globalAgent: options.globalAgent,
        nodeVersion: options.nodeVersion,
        filename: file,
      }),
      retryWrappers: options.retryWrappers,
      maxRetries: options.maxRetries,
      filename: file,
      helperImport: placement && 'import' in placement ? placement.import : undefined,
    });
    const active = findings.filter(
      (finding) =>
        !isDisabled(finding.reportLoc.start.line) &&
        (options.reportUnresolvedAgent || (finding.via !== 'unresolved-agent' && finding.via !== 'client-default-agent')),
    );
    return { parsed, active, disabled: findings.length - active.length };
  };

  let first = analyse(text);
  const { bom } = first.parsed;
  let source = first.parsed.host.sourceText;
  let copiesReplaced = false;
  if (placeHelper) {
    placement = placeHelper(first.parsed.program.body.some(isModuleSyntax));
    if ('outside' in placement) {
      const sites = first.active.map(siteReport).map((site) => (site.status === 'rewritten' ? outsidePackage(site) : site));
      return { output: undefined, sites, disabled: first.disabled, parsed: true };
    }
    placedHelper = placement.helperPath;
    // Copies of the helpers an earlier run wrote into the file give way to the import.
    const copies = replaceHelperCopies(first.parsed.program, source, placement.import, /\.[cm]?tsx?$/i.test(parsePath(file, options.parser)));
    if (copies) {
      source = applyEdits(source, copies);
      copiesReplaced = true;
    }
    first = analyse(source);
  }
  const sites = first.active.map(siteReport);
  const rewrites = sites.filter((site) => site.status === 'rewritten').length;
  let current = first;
  for (let round = 0; round < rewrites; round += 1) {
    const next = current.active.map(rewriteOf).find((plan) => plan.kind === 'rewrite');
    if (next?.kind !== 'rewrite') throw new Error(`${file}: a site to rewrite disappeared after ${round} rewrites`);
    source = applyEdits(source, next.edits);
    current = analyse(source);
  }
  const left = current.active.filter((finding) => rewriteOf(finding).kind === 'skip').length;
  if (current.active.length !== left || left !== sites.length - rewrites) {
    throw new Error(`${file}: the rewritten code is still reported; the file was left as it was`);
  }
  const changed = rewrites > 0 || copiesReplaced;
  return {
    output: changed ? `${bom ? '\uFEFF' : ''}${source}` : undefined,
    sites,
    disabled: first.disabled,
    parsed: true,
    helper: changed && placement && 'import' in placement ? placement : undefined,
    placedHelper,
  };
}

/** `import`/`export` statements: the file is written as an ES module whatever its extension. */
function isModuleSyntax(statement: { readonly type: string }): boolean {
  return /^(?:Import|Export(?:Named|Default|All))Declaration$/.test(statement.type);
}

function outsidePackage(site: SiteReport): SiteReport {
  return { ...site, status: 'skipped', reason: 'helper-outside-package', message: SKIP_REASONS['helper-outside-package'] };
}

/** Applies non-overlapping edits, last first so that earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) {
    result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
  }
  return result;
}

function siteReport(finding: Finding): SiteReport {
  const { line, column } = finding.reportLoc.start;
  const base = { line, column: column + 1, callee: finding.callee };
  const plan = rewriteOf(finding);
  return plan.kind === 'rewrite'
    ? { ...base, status: 'rewritten' }
    : { ...base, status: 'skipped', reason: plan.reason, message: SKIP_REASONS[plan.reason] };
}

/** `--parser ts|tsx` decides by the name the parser sees; by default the file's own extension does. */
function parsePath(file: string, parser: CodemodOptions['parser']): string {
  if (parser === 'ts') return `${file}.ts`;
  if (parser === 'tsx') return `${file}.tsx`;
  return file;
}
