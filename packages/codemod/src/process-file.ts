import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { writeFileAtomic } from './atomic-write.js';
import { placeHelper } from '@keepalive-guard/analysis';
import type { CodemodOptions } from './options.js';
import { type SiteReport, SourceParseError, rewriteSource, worthParsing } from './rewrite-source.js';

/**
 * What the run does with a changed file: write it, show a diff, print it, or
 * only count it. `collect` keeps the new text for the run to write once every
 * file is known (with a helper module, nothing is written until its checks pass).
 */
export type Mode = 'write' | 'dry' | 'print' | 'check' | 'collect';

export interface FileOutcome {
  readonly file: string;
  /** `skipped`: never parsed, it does not mention http. `changed` under --check/--dry/--print: would change. */
  readonly status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  readonly sites: readonly SiteReport[];
  readonly disabled: number;
  readonly error?: string;
  /** --dry: the unified diff. --print and collect: the new text. */
  readonly diff?: string;
  readonly output?: string;
  /** With --helper-module: the helper this file would import (checked on every run). */
  readonly placedHelper?: string;
  /** With --helper-module: the helper the new text imports, and how. */
  readonly helper?: { readonly helperPath: string; readonly importer: 'esm' | 'cjs'; readonly typescript: boolean };
}

/**
 * The outcome of a file that is not worth parsing (it names no http module or
 * client) or cannot be read, found with one read and the text pre-check; or
 * `undefined` for a file `processFile` must parse. Cheap enough for the
 * CLI's main thread to sort every file before any worker starts.
 */
export function outcomeWithoutParsing(file: string): FileOutcome | undefined {
  const read = readSource(file);
  if ('outcome' in read) return read.outcome;
  return worthParsing(read.text) ? undefined : { file: read.name, status: 'skipped', sites: [], disabled: 0 };
}

function readSource(file: string): { name: string; bytes: Buffer; text: string } | { outcome: FileOutcome } {
  const name = path.relative(process.cwd(), file) || file;
  try {
    const bytes = readFileSync(file);
    return { name, bytes, text: bytes.toString('utf8') };
  } catch (error) {
    return { outcome: failed(name, `cannot read: ${(error as Error).message}`) };
  }
}

export function processFile(file: string, mode: Mode, options: CodemodOptions): FileOutcome {
  const read = readSource(file);
  if ('outcome' in read) return read.outcome;
  const { name, bytes, text } = read;
  let result;
  try {
    const { helperModule } = options;
    result = rewriteSource(text, name, options, helperModule === undefined ? undefined : (esm) => placeHelper(path.resolve(file), helperModule, esm));
  } catch (error) {
    return failed(name, error instanceof SourceParseError ? error.message : `${name}: ${(error as Error).message}`);
  }
  const helper = result.helper && {
    helperPath: result.helper.helperPath,
    importer: result.helper.importer,
    typescript: /\.[cm]?tsx?$/i.test(file),
  };
  const base = {
    file: name,
    sites: result.sites,
    disabled: result.disabled,
    ...(helper ? { helper } : {}),
    ...(result.placedHelper ? { placedHelper: result.placedHelper } : {}),
  };
  if (result.output === undefined) return { ...base, status: result.parsed ? 'unchanged' : 'skipped' };
  // Text that did not come from valid UTF-8 would not be written back as the same bytes.
  if (!Buffer.from(text, 'utf8').equals(bytes)) return failed(name, `${name}: not valid UTF-8; left as it was`);
  switch (mode) {
    case 'write':
      try {
        writeFileAtomic(file, result.output);
      } catch (error) {
        return failed(name, `${name}: cannot write: ${(error as Error).message}`);
      }
      return { ...base, status: 'changed' };
    case 'dry':
      return { ...base, status: 'changed', diff: createTwoFilesPatch(name, name, text, result.output) };
    case 'print':
    case 'collect':
      return { ...base, status: 'changed', output: result.output };
    case 'check':
      return { ...base, status: 'changed' };
  }
}

function failed(file: string, error: string): FileOutcome {
  return { file, status: 'failed', sites: [], disabled: 0, error };
}
