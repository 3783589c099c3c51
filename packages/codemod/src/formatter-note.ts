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
 * lints with ESLint (a config in the working directory or above it, up to
 * the repository's root), the command that would reformat exactly the changed
 * files. It is not run: the rewrite is reviewed as it was written.
 */
export function formatterNote(outcomes: readonly FileOutcome[]): string | undefined {
  const changed = outcomes.filter((outcome) => outcome.status === 'changed').map((outcome) => quote(outcome.file));
  if (changed.length === 0) return undefined;
  const tools: string[] = [];
  if (findUp(PRETTIER_CONFIGS) || packageJsonHas('prettier')) tools.push(`npx prettier --write ${changed.join(' ')}`);
  if (findUp(ESLINT_CONFIGS)) tools.push(`npx eslint --fix ${changed.join(' ')}`);
  if (tools.length === 0) return undefined;
  return `  The rewritten code follows each file's indentation, quotes and semicolons, not your formatter's every rule. To reformat the changed files: ${tools.join('  or  ')}`;
}

function findUp(names: readonly string[]): boolean {
  for (let directory = process.cwd(); ; directory = path.dirname(directory)) {
    if (names.some((name) => existsSync(path.join(directory, name)))) return true;
    if (existsSync(path.join(directory, '.git')) || path.dirname(directory) === directory) return false;
  }
}

function packageJsonHas(key: string): boolean {
  try {
    return key in (JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as object);
  } catch {
    return false;
  }
}

function quote(file: string): string {
  return /^[\w./@+-]+$/.test(file) ? file : `'${file.replaceAll("'", "'\\''")}'`;
}
