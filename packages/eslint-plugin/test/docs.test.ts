import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/rules/index.js';

const docs = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules');

/** The ```js blocks of a rule's docs that start with a ❌ or ✅ comment. */
function examples(ruleName: string): { verdict: '❌' | '✅'; code: string }[] {
  const markdown = readFileSync(path.join(docs, `${ruleName}.md`), 'utf8');
  return [...markdown.matchAll(/```js\n(\/\/ (❌|✅)[^\n]*\n[\s\S]*?)```/g)].map((match) => ({
    verdict: match[2] as '❌' | '✅',
    code: match[1] as string,
  }));
}

describe.each(Object.keys(rules))('docs/rules/%s.md', (ruleName) => {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config = {
    files: ['**/*.js'],
    plugins: { 'keepalive-guard': { rules } as never },
    rules: { [`keepalive-guard/${ruleName}`]: 'error' },
    settings: { keepaliveGuard: { nodeVersion: '>=20' } },
  };

  it('has ❌ and ✅ examples', () => {
    const verdicts = examples(ruleName).map((example) => example.verdict);
    expect(verdicts).toContain('❌');
    expect(verdicts).toContain('✅');
  });

  it.each(examples(ruleName).map((example, index) => [index + 1, example] as const))('example %i is reported as its comment says', (_, example) => {
    const messages = linter.verify(example.code, config, { filename: 'example.js' });
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    if (example.verdict === '❌') expect(messages.length).toBeGreaterThan(0);
    else expect(messages).toEqual([]);
  });
});
