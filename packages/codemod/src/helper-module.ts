import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type HelperModuleFormat, HELPER_MODULE_MARKER, helperDeclarationSource, helperModuleSource, existingDirectory, nearestEngines, packageType } from '@keepalive-guard/analysis';
import semver from 'semver';

/**
 * The files `--helper-module` writes (the module and, for TypeScript
 * importers, its declaration file) and the checks that stop a run before
 * anything is written. Where the helper goes for each file is
 * `placeHelper` in the analysis, which the rule uses too.
 */

/** How Node reads the helper module: by its extension, and for `.js` by its package's `type`. */
function helperFormat(helperPath: string): HelperModuleFormat {
  const extension = path.extname(helperPath).toLowerCase();
  if (extension === '.mjs') return 'esm';
  if (extension === '.cjs') return 'cjs';
  return packageType(existingDirectory(helperPath)) === 'module' ? 'esm' : 'cjs';
}

/** `reused-socket.d.ts` beside `reused-socket.js` (`.d.mts` for `.mjs`, `.d.cts` for `.cjs`). */
function declarationPath(helperPath: string): string {
  const extension = path.extname(helperPath);
  return `${helperPath.slice(0, -extension.length)}.d${extension.replace('.js', '.ts').replace('.mjs', '.mts').replace('.cjs', '.cts')}`;
}

/** The files to write for one helper module, and what must not happen. */
export interface HelperFiles {
  readonly files: readonly { readonly path: string; readonly text: string; readonly exists: boolean }[];
  /** Why the run must stop without writing anything. */
  readonly problem?: string;
}

/**
 * The helper module at `helperPath` for its importers: its text (and a
 * declaration file when TypeScript files import it), checked against what is
 * there. A file without the marker, or with it but other text (edited, or
 * written by another version), stops the run; so does an ES module helper
 * that CommonJS files `require` while `engines.node` admits Node older than
 * 20.19, which cannot.
 */
export function helperFiles(helperPath: string, importers: readonly { readonly file: string; readonly importer: 'esm' | 'cjs'; readonly typescript: boolean }[]): HelperFiles {
  const format = helperFormat(helperPath);
  const shown = path.relative(process.cwd(), helperPath) || helperPath;
  if (format === 'esm') {
    const requiring = importers.filter((entry) => entry.importer === 'cjs');
    const range = nearestEngines(existingDirectory(helperPath))?.range;
    if (requiring.length > 0 && (range === undefined || semver.intersects(range, '<20.19.0'))) {
      const names = requiring.slice(0, 3).map((entry) => path.relative(process.cwd(), entry.file)).join(', ');
      return {
        files: [],
        problem:
          `${shown} would be an ES module, and CommonJS files (${names}${requiring.length > 3 ? ', …' : ''}) would require it, which Node older than 20.19 cannot ` +
          `(engines.node ${range === undefined ? 'is not set' : `is '${range}'`}). Give a .cjs path, or set engines.node to >=20.19.`,
      };
    }
  }
  const wanted = [{ path: helperPath, text: helperModuleSource(format) }];
  // The declaration file when TypeScript files import the helper, or when an earlier run wrote one.
  if (importers.some((entry) => entry.typescript) || existsSync(declarationPath(helperPath))) {
    wanted.push({ path: declarationPath(helperPath), text: helperDeclarationSource() });
  }
  const files = [];
  for (const entry of wanted) {
    const exists = existsSync(entry.path);
    if (exists) {
      const current = readFileSync(entry.path, 'utf8');
      const where = path.relative(process.cwd(), entry.path) || entry.path;
      if (!current.startsWith(HELPER_MODULE_MARKER)) {
        return { files: [], problem: `${where} exists and was not written by this codemod: move it away or give another --helper-module path.` };
      }
      if (current !== entry.text) {
        return {
          files: [],
          problem: `${where} is not the helper this version of the codemod writes (it was edited, or written by another version): delete it to have it written again, or give another --helper-module path.`,
        };
      }
    }
    files.push({ ...entry, exists });
  }
  return { files };
}
