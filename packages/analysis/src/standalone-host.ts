import type * as TypeScriptScopeManager from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import type * as TypeScriptEstree from '@typescript-eslint/typescript-estree';
import * as eslintScope from 'eslint-scope';
import { KEYS as ESTREE_KEYS, getKeys } from 'eslint-visitor-keys';
import * as espree from 'espree';
import { createRequire } from 'node:module';
import { isCommonJsFile, isTypeScriptFile } from './file-kinds.js';
import type { AnalysisHost, HostVariable } from './host.js';

export interface ParsedFile {
  readonly program: TSESTree.Program;
  readonly host: AnalysisHost;
  /** Whether the text started with a byte order mark (not part of `host.sourceText`). */
  readonly bom: boolean;
}

export interface ParseOptions {
  /** Decides TypeScript vs JavaScript (and JSX) from the extension. */
  readonly filePath: string;
  /**
   * A faster parser that gives the same tree as the reference parser below
   * (the codemod passes oxc-parser's). It returns the program, with `range`
   * and `loc` on every node and `comments` on the program, or `undefined`
   * when it cannot parse the text that way, and then the reference parser
   * decides (and words any error).
   */
  readonly fastParser?: FastParser | undefined;
}

/** See `ParseOptions.fastParser`. */
export type FastParser = (sourceText: string, filePath: string, sourceType: 'module' | 'commonjs') => TSESTree.Program | undefined;

/** Scope lookups, the same for eslint-scope's and typescript-eslint's scope managers. */
interface ScopeLike {
  readonly type: string;
  readonly upper: ScopeLike | null;
  readonly childScopes: readonly ScopeLike[];
  readonly set: ReadonlyMap<string, unknown>;
}
interface ScopeManagerLike {
  readonly scopes: readonly ScopeLike[];
  acquire(node: never, inner?: boolean): ScopeLike | null;
}

/**
 * Parses a file into the tree the rule would see in ESLint, with parent
 * pointers and scopes, for hosts that do not bring their own (the codemod,
 * tests):
 *
 * - JavaScript (`.js`, `.mjs`, `.cjs`, `.jsx`) with espree and eslint-scope,
 *   ESLint's own defaults, as a module or else as CommonJS;
 * - TypeScript (`.ts`, `.mts`, `.cts`, `.tsx`) with typescript-estree and
 *   @typescript-eslint/scope-manager, as typescript-eslint's parser does.
 *
 * Throws the parser's error for text that is not valid JavaScript/TypeScript.
 */
export function parseForAnalysis(text: string, options: ParseOptions): ParsedFile {
  const bom = text.charCodeAt(0) === 0xfeff;
  const sourceText = bom ? text.slice(1) : text;
  const { program, scopeManager } = isTypeScriptFile(options.filePath)
    ? parseAsTypeScript(sourceText, options.filePath, options.fastParser)
    : parseAsJavaScript(sourceText, options.filePath, options.fastParser);
  return {
    program,
    bom,
    host: {
      sourceText,
      findVariable: (identifier) => findVariable(innermostScope(scopeManager, identifier), identifier.name) as HostVariable | null,
    },
  };
}

/** typescript-estree loads TypeScript itself: only when a TypeScript file is parsed without the fast parser. */
let typescriptEstree: typeof TypeScriptEstree | undefined;
let typescriptScopeManager: typeof TypeScriptScopeManager | undefined;
const require = createRequire(import.meta.url);

function parseAsTypeScript(sourceText: string, filePath: string, fastParser: FastParser | undefined) {
  let program = fastParser?.(sourceText, filePath, 'module');
  if (program) {
    setParents(program);
  } else {
    typescriptEstree ??= require('@typescript-eslint/typescript-estree') as typeof TypeScriptEstree;
    program = typescriptEstree.parse(sourceText, {
      filePath,
      jsx: /x$/i.test(filePath),
      range: true,
      loc: true,
      comment: true,
    });
    typescriptEstree.simpleTraverse(program, { enter() {} }, true);
  }
  typescriptScopeManager ??= require('@typescript-eslint/scope-manager') as typeof TypeScriptScopeManager;
  // Modules and scripts alike are analysed as modules: only the resolution of
  // top-level names differs, and a module scope resolves all of them.
  return { program, scopeManager: typescriptScopeManager.analyze(program, { sourceType: 'module' }) as unknown as ScopeManagerLike };
}

function parseAsJavaScript(sourceText: string, filePath: string, fastParser: FastParser | undefined) {
  const attempts: ('module' | 'commonjs')[] = isCommonJsFile(filePath) ? ['commonjs', 'module'] : ['module', 'commonjs'];
  let firstError: unknown;
  for (const sourceType of attempts) {
    // The fast parser first; where it cannot, espree, for the same source type (so the type found is espree's).
    let program = fastParser?.(sourceText, filePath, sourceType);
    if (!program) {
      try {
        program = espree.parse(sourceText, {
          ecmaVersion: 'latest',
          sourceType,
          ecmaFeatures: { jsx: true },
          range: true,
          loc: true,
          comment: true,
        }) as unknown as TSESTree.Program;
      } catch (error) {
        firstError ??= error;
        continue;
      }
    }
    setParents(program);
    const scopeManager = eslintScope.analyze(program as never, {
      ecmaVersion: 2026 as never,
      sourceType: sourceType === 'commonjs' ? 'script' : 'module',
      nodejsScope: sourceType === 'commonjs',
      childVisitorKeys: ESTREE_KEYS,
      fallback: getKeys as never,
    });
    return { program, scopeManager: scopeManager as unknown as ScopeManagerLike };
  }
  throw firstError;
}

/** espree and the fast parser leave `parent` unset; ESLint sets it while it walks. */
function setParents(root: TSESTree.Node): void {
  const pending: TSESTree.Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as TSESTree.Node;
    for (const key of getKeys(node as never)) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') {
          (child as { parent?: TSESTree.Node }).parent = node;
          pending.push(child as TSESTree.Node);
        }
      }
    }
  }
}

/** As ESLint's `sourceCode.getScope(node)`. */
function innermostScope(scopeManager: ScopeManagerLike, node: TSESTree.Node): ScopeLike {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    const scope = scopeManager.acquire(current as never, true);
    if (scope) return scope.type === 'function-expression-name' ? (scope.childScopes[0] ?? scope) : scope;
  }
  return scopeManager.scopes[0] as ScopeLike;
}

function findVariable(scope: ScopeLike, name: string): unknown {
  for (let current: ScopeLike | null = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return null;
}
