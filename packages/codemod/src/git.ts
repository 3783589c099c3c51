import { execFileSync } from 'node:child_process';

function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The top of the git working tree that holds `directory`, if any (and if git is installed). */
export function gitRoot(directory: string): string | undefined {
  return git(directory, ['rev-parse', '--show-toplevel'])?.trim() || undefined;
}

/** `git status --porcelain` of the working tree: uncommitted changes, one per line. */
export function uncommittedChanges(root: string): string[] {
  return (git(root, ['status', '--porcelain']) ?? '').split('\n').filter(Boolean);
}

/** Files git tracks or would track (not ignored) under `directory`, as absolute paths relative to `root`. */
export function gitListedFiles(root: string, directory: string): string[] | undefined {
  const listing = git(root, ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', directory]);
  return listing?.split('\0').filter(Boolean);
}
