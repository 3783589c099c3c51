import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { writeFileAtomic } from './atomic-write.js';
import type { CodemodOptions } from './options.js';
import { type SiteReport, SourceParseError, rewriteSource } from './rewrite-source.js';

/** What the run does with a changed file: write it, show a diff, print it, or only count it. */
export type Mode = 'write' | 'dry' | 'print' | 'check';

export interface FileOutcome {
  readonly file: string;
  /** `skipped`: never parsed, it does not mention http. `changed` under --check/--dry/--print: would change. */
  readonly status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  readonly sites: readonly SiteReport[];
  readonly disabled: number;
  readonly error?: string;
  /** --dry: the unified diff. --print: the new text. */
  readonly diff?: string;
  readonly output?: string;
}

export function processFile(file: string, mode: Mode, options: CodemodOptions): FileOutcome {
  const name = path.relative(process.cwd(), file) || file;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return failed(name, `cannot read: ${(error as Error).message}`);
  }
  const text = bytes.toString('utf8');
  let result;
  try {
    result = rewriteSource(text, name, options);
  } catch (error) {
    return failed(name, error instanceof SourceParseError ? error.message : `${name}: ${(error as Error).message}`);
  }
  const base = { file: name, sites: result.sites, disabled: result.disabled };
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
      return { ...base, status: 'changed', output: result.output };
    case 'check':
      return { ...base, status: 'changed' };
  }
}

function failed(file: string, error: string): FileOutcome {
  return { file, status: 'failed', sites: [], disabled: 0, error };
}
