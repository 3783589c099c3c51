import { existsSync } from 'node:fs';
import path from 'node:path';
import { nearestPackage } from './package-json.js';
import type { HelperImport } from './rewrite/helper-module.js';

/**
 * Where a helper module goes for one file (`--helper-module`, the rule's
 * `helperModule`), the same for the codemod and the rule. A relative path is
 * read from the working directory; when that falls outside the file's
 * package (a monorepo run from its root), from the package's root instead,
 * so that every package gets its own helper and nothing is imported across
 * package boundaries.
 */

/** How one file reaches the helper module, or why it cannot. */
export type HelperPlacement =
  | { readonly helperPath: string; readonly import: HelperImport; readonly importer: 'esm' | 'cjs' }
  | { readonly outside: string };

/** The `type` of the nearest package.json: how Node reads a `.js` file there. */
export function packageType(directory: string): 'module' | 'commonjs' {
  return nearestPackage(directory)?.manifest.type === 'module' ? 'module' : 'commonjs';
}

/** The nearest existing directory at or above a path that may not exist yet. */
export function existingDirectory(file: string): string {
  let directory = path.dirname(file);
  while (!existsSync(directory) && path.dirname(directory) !== directory) directory = path.dirname(directory);
  return directory;
}

function inside(directory: string, file: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The helper module for `file` (absolute) and the import it needs.
 * `usesEsmSyntax`: the file already has `import`/`export` statements.
 */
export function placeHelper(file: string, helperModule: string, usesEsmSyntax: boolean, cwd: string = process.cwd()): HelperPlacement {
  const fileRoot = nearestPackage(path.dirname(file))?.directory ?? cwd;
  let helperPath = path.resolve(cwd, helperModule);
  if (nearestPackage(existingDirectory(helperPath))?.directory !== fileRoot) {
    const fromPackage = path.resolve(fileRoot, helperModule);
    if (path.isAbsolute(helperModule) || !inside(fileRoot, fromPackage)) {
      return { outside: `${path.relative(cwd, helperPath) || helperPath} is not in this file's package (${path.relative(cwd, fileRoot) || '.'})` };
    }
    helperPath = fromPackage;
  }
  let specifier = path.relative(path.dirname(file), helperPath).split(path.sep).join('/');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  const extension = path.extname(file).toLowerCase();
  const typescript = ['.ts', '.tsx', '.mts', '.cts'].includes(extension);
  const esm =
    extension === '.mjs' || extension === '.mts' || (extension !== '.cjs' && extension !== '.cts' && packageType(path.dirname(file)) === 'module');
  const syntax = typescript || (extension !== '.cjs' && (usesEsmSyntax || esm)) ? 'import' : 'require';
  return { helperPath, import: { specifier, syntax }, importer: esm || (syntax === 'import' && !typescript) ? 'esm' : 'cjs' };
}

