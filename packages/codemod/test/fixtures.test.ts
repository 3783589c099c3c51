import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SKIP_REASONS, type SkipReason, parseForAnalysis } from '@keepalive-guard/analysis';
import * as espree from 'espree';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type CodemodOptions, SourceParseError, rewriteSource } from '../src/index.js';
import transform from '../src/transform.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const files = readdirSync(fixtures).sort();
const inputs = files.filter((file) => file.includes('.input.'));
const rewriteCases = inputs.filter((file) => !file.startsWith('skip-'));
const outputOf = (input: string) => input.replace('.input.', '.output.');
const read = (file: string) => readFileSync(path.join(fixtures, file), 'utf8');
/** The fixtures are judged with the global agent keep-alive, whatever the repository's engines say. */
const options: CodemodOptions = { ...DEFAULT_OPTIONS, globalAgent: 'keep-alive' };
const rewrite = (text: string, file: string) => rewriteSource(text, path.join(fixtures, file), options);

/** Every bail-out fixture and the reason for each of its sites, in order. */
const skipped: Record<string, SkipReason[]> = {
  'skip-non-idempotent.input.ts': ['non-idempotent'],
  'skip-escapes.input.js': ['escapes', 'escapes'],
  'skip-streamed-body.input.js': ['streamed-body', 'streamed-body', 'streamed-body'],
  'skip-upgrade.input.js': ['upgrade', 'upgrade'],
  'skip-not-a-statement.input.js': ['not-a-statement'],
  'skip-interleaved.input.js': ['interleaved'],
  'skip-control-flow.input.js': ['control-flow'],
  'skip-error-listener.input.js': ['error-listener'],
  'skip-chain.input.js': ['chain'],
  'skip-disabled.input.js': [],
  'skip-caller-guard.input.js': [],
  'skip-agent-in-another-module.input.ts': ['agent-in-another-module', 'agent-in-another-module', 'agent-in-another-module'],
  'skip-agent-required.input.cjs': ['agent-in-another-module', 'agent-in-another-module', 'agent-in-another-module'],
  'skip-clients.input.js': ['client-axios', 'client-got', 'client-node-fetch', 'client-superagent', 'client-undici'],
  'skip-listeners.input.js': ['socket-listener', 'close-listener', 'timeout-listener', 'runs-before-outcome', 'runs-before-outcome'],
  'skip-body-in-loop.input.js': ['body-in-loop', 'body-in-loop'],
  'skip-unresolved-agent.input.js': ['unresolved-agent'],
  'skip-used-by-other-code.input.js': ['used-by-other-code', 'used-by-other-code', 'used-by-other-code'],
  'skip-changing-callee.input.js': ['changing-callee'],
  'skip-late-body.input.js': ['late-body'],
  'skip-shared-line.input.js': ['shared-line'],
  'skip-getter.input.js': ['getter'],
  'skip-inline-function-types.input.ts': ['inline-function-types'],
  'skip-helper-name-taken.input.js': ['helper-name-taken'],
  'skip-narrowed-value.input.ts': ['narrowed-value'],
  'skip-arguments.input.js': ['arguments'],
};

describe('rewrite fixtures', () => {
  it('every input has an output, every output an input', () => {
    expect(rewriteCases.length).toBeGreaterThanOrEqual(12);
    for (const input of rewriteCases) expect(files, input).toContain(outputOf(input));
    for (const output of files.filter((file) => file.includes('.output.'))) {
      expect(files, output).toContain(output.replace('.output.', '.input.'));
    }
  });

  describe.each(rewriteCases)('%s', (input) => {
    const source = read(input);
    const expected = read(outputOf(input));

    it('is rewritten to its output, every site of it', () => {
      const result = rewrite(source, input);
      expect(result.output).toBe(expected);
      expect(result.sites.length).toBeGreaterThan(0);
      expect(result.sites.every((site) => site.status === 'rewritten')).toBe(true);
    });

    it('comes back unchanged from a second run (idempotent)', () => {
      const again = rewrite(expected, outputOf(input));
      expect(again.output).toBeUndefined();
      expect(again.sites).toEqual([]);
    });

    it('stays ECMAScript 5 when its input is', () => {
      const parsesAsEs5 = (code: string) => {
        try {
          espree.parse(code, { ecmaVersion: 5, sourceType: 'script' });
          return true;
        } catch {
          return false;
        }
      };
      if (parsesAsEs5(source)) expect(parsesAsEs5(expected)).toBe(true);
    });

    it('keeps line endings and the byte order mark', () => {
      expect(expected.includes('\r\n')).toBe(source.includes('\r\n'));
      if (source.includes('\r\n')) expect(expected.replaceAll('\r\n', '')).not.toContain('\n');
      expect(expected.startsWith('\uFEFF')).toBe(source.startsWith('\uFEFF'));
    });

    it('gives the same output through jscodeshift', () => {
      // jscodeshift's own test harness: it calls the transform with its API object, and trims the result.
      const { applyTransform } = createRequire(import.meta.url)('jscodeshift/dist/testUtils.js') as {
        applyTransform(module: unknown, options: object, input: { path: string; source: string }): string;
      };
      const output = applyTransform({ default: transform, parser: 'ts' }, { globalAgent: 'keep-alive' }, {
        path: path.join(fixtures, input),
        source,
      });
      expect(output).toBe(expected.trim());
    });
  });

  it('recognises the helpers as earlier versions wrote them, and adds none a second time', () => {
    // An output of the version before the snapshot helper's callback was written out, with one more request to rewrite.
    const earlier = read('snapshot.output.js')
      .replace('value.map((item) => snapshotForRetry(item))', 'value.map(snapshotForRetry)')
      .concat(read('snapshot.input.js').split('\n').slice(4, 15).join('\n').replace('export function put(', 'export function putAgain('), '\n');
    expect(earlier).toContain('value.map(snapshotForRetry)');
    const result = rewrite(earlier, 'snapshot.earlier.js');
    expect(result.sites.map((site) => site.status)).toEqual(['rewritten']);
    expect(result.output?.match(/^function snapshotForRetry\(/gm)).toHaveLength(1);
  });

  it('has an ECMAScript 5 input among the fixtures, so that the check above can fail', () => {
    expect(rewriteCases.filter((input) => {
      try {
        espree.parse(read(input), { ecmaVersion: 5, sourceType: 'script' });
        return true;
      } catch {
        return false;
      }
    })).toContain('es5.input.js');
  });

  it('writes the seed as the issue sketches it: send(attempt), the retry first, the old behaviour after', () => {
    const output = read('seed.output.js');
    expect(output).toContain(
      [
        '  const send = (attempt = 0) => {',
        "    const req = http.get('http://localhost:3000', { agent }, (res) => {",
      ].join('\n'),
    );
    expect(output).toContain('      if (shouldRetryOnReusedSocket(req, err, attempt)) {\n        return send(attempt + 1);\n      }\n      throw err;');
    expect(output.match(/function shouldRetryOnReusedSocket\(/g)).toHaveLength(1);
  });

  it('honours maxRetries in the helper it writes', () => {
    const result = rewriteSource(read('seed.input.js'), path.join(fixtures, 'seed.input.js'), { ...options, maxRetries: 5 });
    expect(result.output).toContain('attempt < 5 &&');
    expect(result.output).toContain('at most 5 times');
  });
});

describe('bail-out fixtures', () => {
  it('covers every bail-out fixture', () => {
    expect(inputs.filter((file) => file.startsWith('skip-') && file !== 'skip-syntax-error.input.js').sort()).toEqual(
      Object.keys(skipped).sort(),
    );
  });

  it('shows every skip reason in a fixture', () => {
    // Only the CLI meets this one (it needs --helper-module and packages on disk): helper-module.test.ts shows it.
    const shown = new Set([...Object.values(skipped).flat(), 'helper-outside-package']);
    expect(Object.keys(SKIP_REASONS).filter((reason) => !shown.has(reason as SkipReason))).toEqual([]);
  });

  it.each(Object.entries(skipped))('%s is left byte for byte, each site with its reason', (input, reasons) => {
    const result = rewrite(read(input), input);
    expect(result.output).toBeUndefined();
    expect(result.sites.map((site) => site.reason)).toEqual(reasons);
    expect(result.sites.every((site) => site.status === 'skipped' && site.message)).toBe(true);
  });

  it('counts sites under eslint-disable comments apart', () => {
    expect(rewrite(read('skip-disabled.input.js'), 'skip-disabled.input.js').disabled).toBe(2);
  });

  it('a file that does not parse is an error naming the file and the parser message', () => {
    expect(() => rewrite(read('skip-syntax-error.input.js'), 'skip-syntax-error.input.js')).toThrow(SourceParseError);
    expect(() => rewrite(read('skip-syntax-error.input.js'), 'skip-syntax-error.input.js')).toThrow(/skip-syntax-error\.input\.js:4:\d+: Unexpected token/);
  });

  it('a file that never mentions http is not parsed at all', () => {
    const result = rewriteSource('this is not JavaScript {', 'notes.js', options);
    expect(result).toEqual({ output: undefined, sites: [], disabled: 0, parsed: false });
  });
});

describe('outputs are valid code', () => {
  it.each(files.filter((file) => file.includes('.output.')))('%s parses', (output) => {
    expect(() => parseForAnalysis(read(output), { filePath: output })).not.toThrow();
  });

  it('TypeScript inputs and outputs type-check under strict with types: ["node"]', () => {
    const typescriptFiles = files
      .filter((file) => /\.(?:input|output)\.[cm]?ts$/.test(file))
      .map((file) => path.join(fixtures, file));
    expect(typescriptFiles.length).toBeGreaterThanOrEqual(8);
    const program = ts.createProgram(typescriptFiles, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      skipLibCheck: true,
      noUnusedLocals: false,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });
});
