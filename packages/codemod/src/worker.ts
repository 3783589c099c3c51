import { parentPort, workerData } from 'node:worker_threads';
import type { CodemodOptions } from './options.js';
import { type Mode, processFile } from './process-file.js';

/** A worker of the CLI's pool: takes file names, answers with their outcomes. */
const { mode, options } = workerData as { mode: Mode; options: CodemodOptions };
parentPort?.on('message', (file: string) => {
  parentPort?.postMessage(processFile(file, mode, options));
});
