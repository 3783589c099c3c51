import { existsSync } from 'node:fs';
import path from 'node:path';

/** `--shard 2/4`: the second of four parts, 1-based. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

const roots = new Map<string, string>();

/** The nearest folder at or above `directory` with a `.git` (a folder, or a file in a worktree); else the working directory. */
function repositoryRoot(directory: string): string {
  let root = roots.get(directory);
  if (root === undefined) {
    const parent = path.dirname(directory);
    root = existsSync(path.join(directory, '.git')) ? directory : parent === directory ? process.cwd() : repositoryRoot(parent);
    roots.set(directory, root);
  }
  return root;
}

/**
 * Whether a file belongs to the shard: by a hash (FNV-1a) of its path relative
 * to its git repository's root (the working directory outside git), so the
 * same file lands in the same shard on every machine and from every folder.
 */
export function inShard(file: string, shard: Shard): boolean {
  const directory = path.dirname(file);
  const root = repositoryRoot(directory);
  const relative = path.relative(root, file).split(path.sep).join('/');
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(relative, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shard.count === shard.index - 1;
}
