import type { TSESTree } from '@typescript-eslint/types';
import { descendants } from '../src/ast/walk.js';
import { GuardFinder } from '../src/guards.js';
import type { AnalysisHost } from '../src/host.js';
import { parseForAnalysis } from '../src/standalone-host.js';
import { ValueResolver } from '../src/values/resolver.js';

/** A file parsed as the codemod parses it, with a resolver and a guard finder over it. */
export interface Parsed {
  readonly program: TSESTree.Program;
  readonly host: AnalysisHost;
  readonly values: ValueResolver;
  readonly guards: GuardFinder;
  /** The first node whose text is `text` (and of `type`, when given). */
  node<T extends TSESTree.Node = TSESTree.Node>(text: string, type?: T['type']): T;
}

export function parse(code: string, options: { filePath?: string; retryWrappers?: readonly string[]; host?: (host: AnalysisHost) => AnalysisHost } = {}): Parsed {
  const parsed = parseForAnalysis(code, { filePath: options.filePath ?? 'file.js' });
  const host = options.host ? options.host(parsed.host) : parsed.host;
  const values = new ValueResolver(host);
  return {
    program: parsed.program,
    host,
    values,
    guards: new GuardFinder(values, options.retryWrappers ?? ['pRetry']),
    node<T extends TSESTree.Node>(text: string, type?: T['type']): T {
      for (const node of descendants(parsed.program)) {
        if (code.slice(node.range[0], node.range[1]) === text && (type === undefined || node.type === type)) return node as T;
      }
      throw new Error(`no node with the text ${text}`);
    },
  };
}
