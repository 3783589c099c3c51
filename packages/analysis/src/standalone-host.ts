import { analyze, type Scope, type ScopeManager } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { AnalysisHost, HostVariable } from './host.js';

export interface ParsedFile {
  readonly program: TSESTree.Program;
  readonly host: AnalysisHost;
  /** Whether the text started with a byte order mark (not part of `host.sourceText`). */
  readonly bom: boolean;
}

export interface ParseOptions {
  /** Decides TypeScript vs JavaScript (and JSX) from the extension, as TypeScript itself does. */
  readonly filePath: string;
  /** Parse JSX in files that are not `.ts`/`.mts`/`.cts`. Default: true. */
  readonly jsx?: boolean;
}

const TYPESCRIPT_ONLY = /\.[cm]?ts$/i;

/**
 * Parses a file into the ESTree the analysis reads, with parent pointers and
 * scopes, for hosts that do not bring their own (the codemod, tests). It uses
 * the same parser and scope manager as typescript-eslint, so a file gives the
 * analysis the same tree here as in ESLint with typescript-eslint's parser.
 *
 * Throws the parser's error for text that is not valid JavaScript/TypeScript.
 */
export function parseForAnalysis(text: string, options: ParseOptions): ParsedFile {
  const bom = text.charCodeAt(0) === 0xfeff;
  const sourceText = bom ? text.slice(1) : text;
  const program = parse(sourceText, {
    filePath: options.filePath,
    jsx: (options.jsx ?? true) && !TYPESCRIPT_ONLY.test(options.filePath),
    range: true,
    loc: true,
    comment: true,
  });
  simpleTraverse(program, { enter() {} }, true);
  // Modules and scripts alike are analysed as modules: only the resolution of
  // top-level names differs, and a module scope resolves all of them.
  const scopeManager = analyze(program, { sourceType: 'module' });
  return {
    program,
    bom,
    host: {
      sourceText,
      findVariable: (identifier) => findVariable(innermostScope(scopeManager, identifier), identifier.name),
    },
  };
}

/** As ESLint's `sourceCode.getScope(node)`. */
function innermostScope(scopeManager: ScopeManager, node: TSESTree.Node): Scope {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    const scope = scopeManager.acquire(current, true);
    if (scope) return scope.type === 'function-expression-name' ? (scope.childScopes[0] ?? scope) : scope;
  }
  return scopeManager.scopes[0] as Scope;
}

function findVariable(scope: Scope, name: string): HostVariable | null {
  for (let current: Scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return null;
}
