import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileOutcome } from './process-file.js';

const PRETTIER_CONFIGS = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.json5',
  '.prettierrc.js',
  '.prettierrc.cjs',
  '.prettierrc.mjs',
  '.prettierrc.toml',
  'prettier.config.js',
  'prettier.config.cjs',
  'prettier.config.mjs',
  'prettier.config.ts',
];
const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/**
 * After a run that changed files: when the project formats with Prettier or
 * lints with ESLint (a config in the changed files' folder or above it, up to
 * the repository's root), the command that would reformat exactly the changed
 * files. It is not run: the rewrite is reviewed as it was written.
 */
export function formatterNote(outcomes: readonly FileOutcome[]): string | undefined {
  const files = outcomes.filter((outcome) => outcome.status === 'changed').map((outcome) => outcome.file);
  const [first] = files;
  if (first === undefined) return undefined;
  const changed = files.map(quote);
  // The project the changed files belong to: from the first one's folder up to its repository's root.
  const from = path.dirname(path.resolve(first));
  const tools: string[] = [];
  if (findUp(from, PRETTIER_CONFIGS) || packageJsonHas(from, 'prettier')) tools.push(`npx prettier --write ${changed.join(' ')}`);
  if (findUp(from, ESLINT_CONFIGS)) tools.push(`npx eslint --fix ${changed.join(' ')}`);
  if (tools.length === 0) return undefined;
  return `  The rewritten code follows each file's indentation, quotes and semicolons, not your formatter's every rule. To reformat the changed files: ${tools.join('  or  ')}`;
}

function findUp(from: string, names: readonly string[]): boolean {
  for (let directory = from; ; directory = path.dirname(directory)) {
    if (names.some((name) => existsSync(path.join(directory, name)))) return true;
    if (existsSync(path.join(directory, '.git')) || path.dirname(directory) === directory) return false;
  }
}

/** The nearest package.json above `from` has `key` (Prettier's config can live there). */
function packageJsonHas(from: string, key: string): boolean {
  for (let directory = from; ; directory = path.dirname(directory)) {
    try {
      return key in (JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as object);
    } catch {
      if (path.dirname(directory) === directory) return false;
    }
  }
}

function quote(file: string): string {
  return /^[\w./@+-]+$/.test(file) ? file : `'${file.replaceAll("'", "'\\''")}'`;
}
