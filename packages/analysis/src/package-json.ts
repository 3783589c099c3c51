import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The fields of a package.json the analysis and the codemod read. */
interface PackageManifest {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly engines?: { readonly node?: unknown };
}

/** The nearest package.json at or above a directory: the package a file belongs to. */
export interface NearestPackage {
  /** The directory that holds it. */
  readonly directory: string;
  readonly manifest: PackageManifest;
}

/** Directory → its nearest package, read once however many files (and rules) ask. */
const packages = new Map<string, NearestPackage | null>();

export function nearestPackage(directory: string): NearestPackage | null {
  const cached = packages.get(directory);
  if (cached !== undefined) return cached;
  const manifest = readManifest(path.join(directory, 'package.json'));
  const parent = path.dirname(directory);
  const found = manifest ? { directory, manifest } : parent === directory ? null : nearestPackage(parent);
  packages.set(directory, found);
  return found;
}

function readManifest(file: string): PackageManifest | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    // A broken package.json still marks the package root; it just says nothing else.
    return {};
  }
}
