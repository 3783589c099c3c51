import type { TSESTree } from '@typescript-eslint/types';
import * as eslintScope from 'eslint-scope';
import * as espree from 'espree';
import {
  type AnalysisHost,
  type Finding,
  type HostVariable,
  findUnguardedRequests,
  parseForAnalysis,
} from '../src/index.js';

/** What a finding says, without node objects: comparable across trees. */
export interface FindingSummary {
  readonly via: Finding['via'];
  readonly callee: string;
  readonly at: string;
  readonly detail: string;
}

export const ALWAYS_KEEP_ALIVE = { keepAlive: true, reason: 'test' } as const;

function summarize(findings: readonly Finding[], text: string): FindingSummary[] {
  return findings.map((finding) => ({
    via: finding.via,
    callee: finding.callee,
    at: text.slice(finding.range[0], finding.range[1]).split('\n')[0] ?? '',
    detail: finding.via === 'keep-alive-agent' ? `${finding.agent.name}@${finding.agent.line}` : finding.via === 'global-agent' ? finding.reason : '',
  }));
}

/** The codemod's host: typescript-estree and @typescript-eslint/scope-manager. */
export function analyzeStandalone(text: string, filePath = 'file.ts'): FindingSummary[] {
  const { program, host } = parseForAnalysis(text, { filePath });
  return summarize(findUnguardedRequests(program, host, { globalAgent: ALWAYS_KEEP_ALIVE, retryWrappers: ['pRetry'] }), host.sourceText);
}

/**
 * ESLint's default host for JavaScript: espree's plain ESTree (`Literal`,
 * `Property`, `ChainExpression`) and eslint-scope, wired as ESLint wires them.
 */
export function analyzeEspree(text: string, sourceType: 'module' | 'commonjs' = 'module'): FindingSummary[] {
  const program = espree.parse(text, { ecmaVersion: 'latest', sourceType, range: true, loc: true }) as unknown as TSESTree.Program;
  setParents(program);
  const scopeManager = eslintScope.analyze(program as never, {
    ecmaVersion: 2026 as never,
    sourceType: sourceType === 'commonjs' ? 'script' : 'module',
    nodejsScope: sourceType === 'commonjs',
  });
  const host: AnalysisHost = {
    sourceText: text,
    findVariable(identifier) {
      for (let node: TSESTree.Node | undefined = identifier; node; node = node.parent) {
        const scope = scopeManager.acquire(node as never, true);
        if (!scope) continue;
        for (let current: eslintScope.Scope | null = scope; current; current = current.upper) {
          const variable = current.set.get(identifier.name);
          if (variable) return variable as unknown as HostVariable;
        }
        return null;
      }
      return null;
    },
  };
  return summarize(findUnguardedRequests(program, host, { globalAgent: ALWAYS_KEEP_ALIVE, retryWrappers: ['pRetry'] }), text);
}

function setParents(node: TSESTree.Node): void {
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') {
        (child as { parent?: TSESTree.Node }).parent = node;
        setParents(child as TSESTree.Node);
      }
    }
  }
}
