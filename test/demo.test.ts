import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

it('pnpm demo (examples/demo.js) shows the findings, the fix, and the race lost before and won after', () => {
  const result = spawnSync(process.execPath, [path.join(root, 'examples', 'demo.js')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('✖ 6 problems (6 errors, 0 warnings)');
  expect(result.stdout).toContain('+  const send = (attempt = 0) => {');
  expect(result.stdout).toContain('requests: 3 rewritten, 2 left as they were');
  expect(result.stdout).toContain('no-unguarded-request: 5 before, 2 after');
  expect(result.stdout).toContain('require-agent-timeout: 1 before, 1 after');
  expect(result.stdout).toMatch(/before: [0-4]\/5 polls answered, then crashed with ECONNRESET \(socket hang up\)/);
  expect(result.stdout).toMatch(/after: {2}5\/5 polls answered, exit code 0, [1-9]\d* retr(?:y|ies) on reused sockets/);
  // No colour codes when the output is not a terminal.
  expect(result.stdout).not.toContain('\u001B[');
});
