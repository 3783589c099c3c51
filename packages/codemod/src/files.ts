import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { gitListedFiles, gitRoot } from './git.js';

export const DEFAULT_EXTENSIONS: readonly string[] = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'];

export interface DiscoveryOptions {
  readonly extensions: readonly string[];
  readonly ignorePatterns: readonly string[];
}

/** A path given on the command line that does not exist. */
export class MissingPathError extends Error {}

/**
 * The files to process under the given paths: the extensions asked for,
 * never `.d.ts`, nothing in node_modules, nothing git ignores (through git in
 * a working tree, through .gitignore files elsewhere), nothing matching an
 * `--ignore-pattern`. A file named directly is taken if its extension fits.
 */
export function discoverFiles(paths: readonly string[], options: DiscoveryOptions): string[] {
  const extension = new RegExp(`\\.(?:${options.extensions.map(escapeRegExp).join('|')})$`, 'i');
  const ignored = options.ignorePatterns.length > 0 ? picomatch([...options.ignorePatterns], { dot: true }) : () => false;
  const wanted = (file: string): boolean => {
    const relative = path.relative(process.cwd(), file).split(path.sep).join('/');
    return (
      extension.test(file) &&
      !/\.d\.[cm]?ts$/i.test(file) &&
      !relative.split('/').includes('node_modules') &&
      !ignored(relative) &&
      !ignored(path.basename(file))
    );
  };
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new MissingPathError(`no such file or directory: ${given}`);
    }
    if (stats.isFile()) {
      if (wanted(absolute)) found.add(absolute);
      continue;
    }
    const root = gitRoot(absolute);
    const listed = root ? gitListedFiles(root, absolute) : undefined;
    const files = listed ? listed.map((file) => path.resolve(root as string, file)) : walk(absolute);
    for (const file of files) if (wanted(file)) found.add(file);
  }
  return [...found].sort();
}

/** A symbolic link the run leaves as it is, and why. */
export interface LeftLink {
  readonly file: string;
  readonly reason: string;
}

/**
 * Symbolic links among the files: a link stays a link. Its target is read
 * and written (once, however many links lead to it) when it lies inside the
 * given paths; a link to a file outside them, to a folder, to nothing, or in
 * a loop is left, with why. Every file is named by its real path, so a file
 * reached twice is processed once.
 */
export function followLinks(files: readonly string[], paths: readonly string[]): { files: string[]; links: LeftLink[] } {
  const roots = paths.map((given) => realOr(path.resolve(given)));
  const within = (target: string) =>
    roots.some((root) => {
      const relative = path.relative(root, target);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    });
  const found = new Set<string>();
  const links: LeftLink[] = [];
  for (const file of files) {
    let link: boolean;
    try {
      link = lstatSync(file).isSymbolicLink();
    } catch {
      continue;
    }
    let target: string;
    try {
      target = realpathSync.native(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      links.push({ file, reason: code === 'ELOOP' ? 'a symbolic link in a loop' : 'a symbolic link to nothing' });
      continue;
    }
    if (link && !within(target)) {
      links.push({ file, reason: `a symbolic link to ${target}, outside the given paths: not followed` });
      continue;
    }
    if (link && !statSync(target).isFile()) {
      links.push({ file, reason: 'a symbolic link to a folder: not followed' });
      continue;
    }
    found.add(target);
  }
  return { files: [...found].sort(), links };
}

function realOr(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

/** Outside git: every file below `directory`, minus node_modules, .git and what .gitignore files say. */
function walk(directory: string, rules: readonly { base: string; ignore: Ignore }[] = []): string[] {
  const own = readGitignore(directory);
  const active = own ? [...rules, { base: directory, ignore: own }] : rules;
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(directory, entry.name);
    const isIgnored = active.some(({ base, ignore: matcher }) => {
      const relative = path.relative(base, full).split(path.sep).join('/');
      return matcher.ignores(entry.isDirectory() ? `${relative}/` : relative);
    });
    if (isIgnored) continue;
    if (entry.isDirectory()) files.push(...walk(full, active));
    // A link is listed, never followed here: `followLinks` decides what it may lead to.
    else if (entry.isFile() || entry.isSymbolicLink()) files.push(full);
  }
  return files;
}

function readGitignore(directory: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(path.join(directory, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
