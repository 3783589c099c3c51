import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import keepaliveGuard from 'eslint-plugin-keepalive-guard';
import { describe, expect, it } from 'vitest';

const project = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'project');

describe('a project configured as a user would', () => {
  it('exports the plugin object ESLint expects', () => {
    expect(keepaliveGuard.meta).toEqual({ name: 'eslint-plugin-keepalive-guard', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(Object.keys(keepaliveGuard.rules)).toEqual(['no-unguarded-request', 'require-agent-timeout']);
    expect(keepaliveGuard.configs.recommended).toMatchObject({
      name: 'keepalive-guard/recommended',
      rules: { 'keepalive-guard/no-unguarded-request': 'error', 'keepalive-guard/require-agent-timeout': 'error' },
    });
    expect(keepaliveGuard.configs.recommended.plugins?.['keepalive-guard']).toBe(keepaliveGuard);
  });

  it('reports the unguarded requests and the agents without a timeout, TypeScript through typescript-eslint, and nothing else', async () => {
    const eslint = new ESLint({ cwd: project });
    const results = await eslint.lintFiles(['src']);
    const reports = results
      .flatMap((result) =>
        result.messages.map((message) => ({
          file: path.relative(project, result.filePath),
          line: message.line,
          column: message.column,
          rule: message.ruleId,
          fatal: message.fatal ?? false,
        })),
      )
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    expect(results.map((result) => path.relative(project, result.filePath)).sort()).toEqual([
      'src/agents.ts',
      'src/legacy.cjs',
      'src/routes.js',
      'src/upload.mts',
    ]);
    const rule = 'keepalive-guard/no-unguarded-request';
    const timeout = 'keepalive-guard/require-agent-timeout';
    expect(reports).toEqual([
      { file: 'src/agents.ts', line: 7, column: 21, rule: timeout, fatal: false },
      { file: 'src/agents.ts', line: 13, column: 7, rule, fatal: false },
      { file: 'src/legacy.cjs', line: 7, column: 10, rule, fatal: false },
      { file: 'src/upload.mts', line: 3, column: 24, rule: timeout, fatal: false },
      { file: 'src/upload.mts', line: 7, column: 17, rule, fatal: false },
    ]);
    const agents = results.find((result) => result.filePath.endsWith('agents.ts'));
    expect(agents?.messages[1]?.message).toContain('through the keep-alive agent `this.#agent` (created on line 7)');
    expect(agents?.messages[0]?.message).toContain('The keep-alive agent `this.#agent` has no `timeout`');
    const legacy = results.find((result) => result.filePath.endsWith('legacy.cjs'));
    expect(legacy?.messages[0]?.message).toContain("Node's global agent");
    expect(legacy?.messages[0]?.message).toContain("engines.node '>=20' of integration-fixture-project includes Node 19");
    expect(legacy?.suppressedMessages).toHaveLength(1);
  });
});
