import { readFileSync } from 'node:fs';
import { parseForAnalysis, findUnguardedRequests } from '@keepalive-guard/analysis';
const f = process.argv[2];
let text = readFileSync(f, 'utf8');
for (let i = 0; i < 10; i++) {
  const { program, host } = parseForAnalysis(text, { filePath: f });
  const findings = findUnguardedRequests(program, host, { globalAgent: { keepAlive: true, reason: 'x' }, retryWrappers: [], filename: f });
  for (const x of findings) if (x.fix.kind === 'skip') console.error('skip', x.callee, x.fix.reason);
  const next = findings.find((x) => x.fix.kind === 'rewrite');
  if (!next) break;
  const edits = [...next.fix.edits].sort((a, b) => b.range[0] - a.range[0]);
  for (const e of edits) text = text.slice(0, e.range[0]) + e.text + text.slice(e.range[1]);
}
process.stdout.write(text);
