// The README's main job: lint the example app in examples/app with its own
// eslint.config.js (the plugin's recommended config) and show the findings.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app');
const eslint = new ESLint({ cwd: app });
const results = await eslint.lintFiles(['src']);
const formatter = await eslint.loadFormatter('stylish');
const findings = results.reduce((count, result) => count + result.messages.length, 0);

console.log(`Linting ${path.relative(process.cwd(), app) || '.'} with eslint-plugin-keepalive-guard (configs.recommended)`);
console.log((await formatter.format(results)) || '\nNo findings.');
console.log(`${results.length} files linted, ${findings} requests reported.`);
const fatal = results.filter((result) => result.fatalErrorCount > 0);
if (fatal.length > 0) {
  console.error(`Could not parse: ${fatal.map((result) => result.filePath).join(', ')}`);
  process.exitCode = 1;
}
