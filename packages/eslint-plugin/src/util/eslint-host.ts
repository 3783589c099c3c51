import type { AnalysisHost } from '@keepalive-guard/analysis';
import { ASTUtils, type TSESLint } from '@typescript-eslint/utils';

/** The analysis' host adapter over ESLint's own scope manager. */
export function eslintHost(sourceCode: Readonly<TSESLint.SourceCode>): AnalysisHost {
  return {
    sourceText: sourceCode.text,
    findVariable: (identifier) => ASTUtils.findVariable(sourceCode.getScope(identifier), identifier),
  };
}
