// Prints Vitest's JSON report as the closing line CI reads: "N passed, N failed[, N skipped]".
import { existsSync, readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file || !existsSync(file)) {
  console.log('no test report: install or build failed before the tests ran');
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
if (report.numTotalTests === 0 || !report.success) process.exitCode = 1;
