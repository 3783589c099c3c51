import { randomBytes } from 'node:crypto';
import { renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Replaces a file's content all at once: the new text goes to a temporary
 * file beside it (same file system, same mode), which is then renamed over
 * the original. An interrupted run leaves the old file or the new one, never
 * half of either.
 */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const { mode } = statSync(file);
  try {
    writeFileSync(temporary, text, { mode, flush: true });
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written, or it is gone already.
    }
    throw error;
  }
}
