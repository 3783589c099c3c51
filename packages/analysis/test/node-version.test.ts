import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveGlobalAgentPolicy } from '../src/index.js';

const root = mkdtempSync(path.join(tmpdir(), 'keepalive-guard-engines-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, manifest: object | string | undefined): string {
  const directory = path.join(root, name);
  mkdirSync(path.join(directory, 'src', 'deep'), { recursive: true });
  if (manifest !== undefined) {
    writeFileSync(path.join(directory, 'package.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  }
  return path.join(directory, 'src', 'deep', 'client.js');
}

describe('resolveGlobalAgentPolicy', () => {
  it("'keep-alive' and 'off' are final", () => {
    const file = project('final', { engines: { node: '^18' } });
    expect(resolveGlobalAgentPolicy({ globalAgent: 'keep-alive', nodeVersion: '^16', filename: file }).keepAlive).toBe(true);
    expect(resolveGlobalAgentPolicy({ globalAgent: 'off', nodeVersion: '>=22', filename: file }).keepAlive).toBe(false);
  });

  it('auto: a configured range wins over engines.node', () => {
    const file = project('configured', { engines: { node: '>=20' } });
    expect(resolveGlobalAgentPolicy({ globalAgent: 'auto', nodeVersion: '^18.17', filename: file })).toEqual({
      keepAlive: false,
      reason: "the configured Node version '^18.17' excludes Node 19 and later",
    });
  });

  it('auto: keep-alive when the range admits any Node 19 or later', () => {
    for (const [range, keepAlive] of [
      ['>=16', true],
      ['^18 || ^20', true],
      ['18.x', false],
      ['<19', false],
      ['>=20.19.0', true],
      ['*', true],
    ] as const) {
      expect(resolveGlobalAgentPolicy({ globalAgent: 'auto', nodeVersion: range, filename: 'x.js' }).keepAlive, range).toBe(keepAlive);
    }
  });

  it('auto: engines.node of the nearest package.json, searched upwards', () => {
    const file = project('engines-18', { engines: { node: '^18.0.0' } });
    expect(resolveGlobalAgentPolicy({ globalAgent: 'auto', filename: file }).keepAlive).toBe(false);
    const newer = project('engines-22', { engines: { node: '>=22' } });
    const policy = resolveGlobalAgentPolicy({ globalAgent: 'auto', filename: newer });
    expect(policy.keepAlive).toBe(true);
    // A package.json without a name is named by its path from the file.
    expect(policy.reason).toBe("engines.node '>=22' of ../../package.json includes Node 19 or later");
    const named = project('engines-named', { name: '@acme/poller', engines: { node: '>=20' } });
    expect(resolveGlobalAgentPolicy({ globalAgent: 'auto', filename: named }).reason).toBe("engines.node '>=20' of @acme/poller includes Node 19 or later");
  });

  it('auto: the nearest package.json decides even without engines, and a broken one is no crash', () => {
    const outer = project('outer', { engines: { node: '^18' } });
    const innerFile = path.join(path.dirname(outer), 'inner', 'x.js');
    mkdirSync(path.dirname(innerFile), { recursive: true });
    writeFileSync(path.join(path.dirname(innerFile), 'package.json'), '{ "name": "inner" }');
    expect(resolveGlobalAgentPolicy({ globalAgent: 'auto', filename: innerFile })).toEqual({
      keepAlive: true,
      reason: 'no Node version is configured, so Node 19 or later is assumed',
    });
    const broken = project('broken', '{ not json');
    expect(resolveGlobalAgentPolicy({ globalAgent: 'auto', filename: broken }).keepAlive).toBe(true);
  });

  it('an invalid configured range is a clear error', () => {
    expect(() => resolveGlobalAgentPolicy({ globalAgent: 'auto', nodeVersion: 'twenty', filename: 'x.js' })).toThrow(
      "keepalive-guard: nodeVersion 'twenty' is not a valid semver range.",
    );
  });
});
