import type { TSESTree } from '@typescript-eslint/types';

/**
 * What the analysis needs from whoever parsed the file. ESLint's scope
 * manager (eslint-scope, or @typescript-eslint/scope-manager) and the
 * standalone host in this package both satisfy it as they are.
 *
 * The tree must be ESTree with `range` and `parent` set on every node
 * (ESLint does this; `parseForAnalysis` does it for the codemod).
 */
export interface AnalysisHost {
  /** The text the ranges point into (without a BOM). */
  readonly sourceText: string;
  /** The variable an identifier refers to; `null` for a global or an undeclared name. */
  findVariable(identifier: TSESTree.Identifier): HostVariable | null;
  /**
   * Only with type information (the rule's `resolveImportedAgents`): where
   * the value of an imported binding is declared in another module, for the
   * analysis to read it as it reads its own file. `exportName` is the export
   * read through a namespace import (`agents.keepAlive`). `null` when it is
   * not declared in source the host can read (a `.d.ts`, an unknown module).
   */
  findImportedDeclaration?(binding: TSESTree.Identifier, exportName?: string): ImportedDeclaration | null;
  /**
   * Only with type information: the calls of an exported function in the
   * program's other modules (`node` is each `CallExpression`, with a host over
   * its module). `null` when they cannot all be known: some module reads the
   * function other than by calling it, re-exports it, or the function is a
   * default export. Packages and declaration files are not read.
   */
  findCallsInOtherModules?(binding: TSESTree.Identifier): readonly ImportedDeclaration[] | null;
}

/** A declaration in another module, with a host over that module's text. */
export interface ImportedDeclaration {
  /** The module's file, as the host names it (absolute, usually). */
  readonly fileName: string;
  readonly host: AnalysisHost;
  /** The declared name (`agent` in `export const agent = …`), or the expression of `export default …`. */
  readonly node: TSESTree.Node;
}

export interface HostVariable {
  readonly name: string;
  readonly defs: readonly HostDefinition[];
  readonly references: readonly HostReference[];
}

export interface HostDefinition {
  /** `Variable`, `ImportBinding`, `FunctionName`, `Parameter`, `ClassName`, ... */
  readonly type: string;
  readonly name: TSESTree.Node;
  readonly node: TSESTree.Node;
  readonly parent?: TSESTree.Node | null;
}

export interface HostReference {
  readonly identifier: TSESTree.Node;
  readonly init?: boolean | null;
  isWrite(): boolean;
  isRead(): boolean;
}
