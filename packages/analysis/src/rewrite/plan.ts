import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { checkReplayable } from './checks.js';
import { errorListenerEdits } from './error-listener.js';
import { planEarlyEvaluation } from './evaluation.js';
import { FIRST_ATTEMPT_HELPER, RETRY_HELPER, SNAPSHOT_HELPER, firstAttemptHelperSource, retryHelperSource, snapshotHelperSource } from './helper.js';
import { type TextEdit, checkOwnLines, indentBlock, templateRanges } from './layout.js';
import { NAME_CANDIDATES, NameChooser, identifierNames, localBindingNames } from './names.js';
import { Skip, type SkipReason, skip } from './reasons.js';
import { type HelperImport, helperImportEdit } from './helper-module.js';
import { findSite } from './site.js';
import { isFunction } from '../ast/predicates.js';
import { lexicalBindingsUsed } from '../ast/walk.js';
import type { CodeStyle } from './style.js';
import { type RequestNode, requestOptions } from '../request-arguments.js';
import { lineIndent } from '../source-text.js';
import type { ValueResolver } from '../values/resolver.js';

export { SKIP_REASONS, type SkipReason } from './reasons.js';
export type { TextEdit } from './layout.js';

export type RewritePlan =
  | { readonly kind: 'rewrite'; readonly edits: readonly TextEdit[] }
  | { readonly kind: 'skip'; readonly reason: SkipReason };

export interface RewriteContext {
  readonly program: TSESTree.Program;
  readonly text: string;
  readonly values: ValueResolver;
  readonly style: CodeStyle;
  readonly typescript: boolean;
  readonly maxRetries: number;
  /** Import the package's helper module instead of adding the helpers to the file. */
  readonly helperImport?: HelperImport | undefined;
}

/**
 * Plans the rewrite of one unguarded request into a bounded retry:
 *
 *     const body = JSON.stringify(order);          // what may be evaluated early: evaluation.ts
 *     const send = (attempt = 0) => {
 *       const req = http.request(url, options, onResponse);   // which statements move: site.ts
 *       req.on('error', (err) => {                             // how the listener is extended: error-listener.ts
 *         if (shouldRetryOnReusedSocket(req, err, attempt)) return send(attempt + 1);
 *         onError(err);
 *       });
 *       req.end(body);
 *     };
 *     send();
 *
 * plus the helpers at the end of the file when they are not there yet. Or,
 * when one of the checks (site.ts, checks.ts, evaluation.ts with
 * stability.ts) cannot prove the retry safe, the reason it is left alone.
 */
export function planRewrite(request: RequestNode, context: RewriteContext): RewritePlan {
  try {
    return { kind: 'rewrite', edits: rewriteEdits(request, context) };
  } catch (error) {
    if (error instanceof Skip) return { kind: 'skip', reason: error.reason };
    throw error;
  }
}

function rewriteEdits(request: RequestNode, context: RewriteContext): TextEdit[] {
  const { text, style, values } = context;
  const semi = style.semicolons ? ';' : '';
  const chooser = new NameChooser(request);
  const site = findSite(request, values, chooser);
  checkOwnLines(text, site.statements);
  const options = requestOptions(request, values);
  checkReplayable(site, options, values);
  const early = planEarlyEvaluation(site, request, options, { typescript: context.typescript, values, names: chooser, text, semi, es5: style.es5 });
  const names = {
    send: chooser.choose(NAME_CANDIDATES.send),
    attempt: chooser.choose(NAME_CANDIDATES.attempt),
    request: site.requestName,
  };
  const inner: TextEdit[] = [...early.edits];
  const first = site.statements[0] as TSESTree.Statement;
  const last = site.statements.at(-1) as TSESTree.Statement;
  if (!site.variable) inner.push({ range: [first.range[0], first.range[0]], text: `${style.es5 ? 'var' : 'const'} ${site.requestName} = ` });
  // The shared helper takes the bound as its fourth argument; a file's own copy has it written in.
  const retryArguments = context.helperImport ? `, ${context.maxRetries}` : '';
  inner.push(...errorListenerEdits(site.registrations, site.statement, { ...names, retryArguments }, { text, style, values, chooser }));

  const indent = lineIndent(text, first.range[0]);
  const { eol, indent: unit } = style;
  const body = indentBlock(text, first.range[0], last.range[1], inner, templateRanges(site.statements), style);
  const replacement =
    early.declarations.map((declaration) => `${declaration}${eol}${indent}`).join('') +
    sendFunction(
      names,
      `{${eol}${indent}${unit}${body}${eol}${indent}}`,
      {
        uses: lexicalBindingsUsed(site.statements, early.edits.map((edit) => edit.range)),
        // A declaration only where it would be one of the function's own (never in a nested block: TS1250 below ES2015, Annex B scoping).
        declarable: first.parent?.type === AST_NODE_TYPES.Program || (first.parent?.type === AST_NODE_TYPES.BlockStatement && first.parent.parent !== undefined && isFunction(first.parent.parent)),
      },
      style,
      `${eol}${indent}`,
    );
  const edits: TextEdit[] = [{ range: [first.range[0], last.range[1]], text: replacement }];
  // A helper's name bound around the request would call that binding instead.
  const local = localBindingNames(request);
  if ([RETRY_HELPER, ...early.helpers].some((helper) => local.has(helper))) skip('helper-name-taken');
  const helpers = helperEdit(context, early.helpers);
  if (helpers) edits.push(helpers);
  return edits;
}

/**
 * `send` and its first call, as the file writes functions: an arrow (which
 * keeps `this` and `arguments` of the code it holds), a declaration (in a
 * function's own body) or a function expression when the statements use
 * neither, and in an
 * ECMAScript 5 file a function expression (bound to `this` when they use
 * it; with `arguments` the site is left). `newline` starts the line of the call.
 */
function sendFunction(
  names: { readonly send: string; readonly attempt: string },
  block: string,
  where: { readonly uses: ReadonlySet<string>; readonly declarable: boolean },
  style: CodeStyle,
  newline: string,
): string {
  const { uses } = where;
  const semi = style.semicolons ? ';' : '';
  const { send, attempt } = names;
  if (style.es5) {
    if (uses.has('arguments')) skip('arguments');
    const bound = uses.has('this') ? '.bind(this)' : '';
    return `var ${send} = function (${attempt}) ${block}${bound}${semi}${newline}${send}(0)${semi}`;
  }
  const ownBindings = uses.size > 0;
  if (style.functions === 'declaration' && !ownBindings && where.declarable) return `function ${send}${style.spaceBeforeParen ? ' ' : ''}(${attempt} = 0) ${block}${newline}${send}()${semi}`;
  if (style.functions === 'expression' && !ownBindings) return `const ${send} = function (${attempt} = 0) ${block}${semi}${newline}${send}()${semi}`;
  return `const ${send} = (${attempt} = 0) => ${block}${semi}${newline}${send}()${semi}`;
}

/** The helpers at the end of the file, those it does not have (or import) already. */
function helperEdit(context: RewriteContext, needed: ReadonlySet<string>): TextEdit | undefined {
  const { style, text } = context;
  const helpers = [
    { name: RETRY_HELPER, needed: true, source: retryHelperSource(style, { typescript: context.typescript, maxRetries: context.maxRetries }) },
    { name: SNAPSHOT_HELPER, needed: needed.has(SNAPSHOT_HELPER), source: snapshotHelperSource(style, { typescript: context.typescript }) },
    { name: FIRST_ATTEMPT_HELPER, needed: needed.has(FIRST_ATTEMPT_HELPER), source: firstAttemptHelperSource(style, { typescript: context.typescript }) },
  ];
  const sources: string[] = [];
  const imports: string[] = [];
  for (const helper of helpers.filter((candidate) => candidate.needed)) {
    const status = helperStatus(context.program, text, helper.name, helper.source);
    if (status === 'taken') skip('helper-name-taken');
    if (status === 'absent') {
      sources.push(helper.source);
      imports.push(helper.name);
    }
  }
  if (context.helperImport) return helperImportEdit(context.program, text, style, context.helperImport, imports);
  if (sources.length === 0) return undefined;
  const { eol } = style;
  const end = text.length;
  const endsWithNewline = /\r?\n$/.test(text);
  return { range: [end, end], text: `${endsWithNewline ? '' : eol}${eol}${sources.join(`${eol}${eol}`)}${eol}` };
}

/**
 * Whether the file has the helper: `present` as the rewrite writes it (any
 * style, any `maxRetries`), `present` when imported (a shared module),
 * `absent`, or `taken` when the name means something else here.
 */
function helperStatus(program: TSESTree.Program, text: string, name: string, source: string): 'present' | 'absent' | 'taken' {
  if (!identifierNames(program).has(name)) return 'absent';
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id?.name === name) {
      const declaration = text.slice(statement.range[0], statement.range[1]);
      const ours = source.slice(source.indexOf(`function ${name}`));
      return sameHelper(declaration, ours) ? 'present' : 'taken';
    }
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.specifiers.some((specifier) => specifier.local.name === name)) {
      return 'present';
    }
    if (
      statement.type === AST_NODE_TYPES.VariableDeclaration &&
      statement.declarations.some(
        (declarator) =>
          declarator.id.type === AST_NODE_TYPES.ObjectPattern &&
          declarator.init?.type === AST_NODE_TYPES.CallExpression &&
          declarator.init.callee.type === AST_NODE_TYPES.Identifier &&
          declarator.init.callee.name === 'require' &&
          declarator.id.properties.some((property) => property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === name),
      )
    ) {
      return 'present';
    }
    // `var shouldRetryOnReusedSocket = require('./reused-socket.js').shouldRetryOnReusedSocket;`
    if (
      statement.type === AST_NODE_TYPES.VariableDeclaration &&
      statement.declarations.some(
        (declarator) =>
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          declarator.id.name === name &&
          declarator.init?.type === AST_NODE_TYPES.MemberExpression &&
          declarator.init.object.type === AST_NODE_TYPES.CallExpression &&
          declarator.init.object.callee.type === AST_NODE_TYPES.Identifier &&
          declarator.init.object.callee.name === 'require',
      )
    ) {
      return 'present';
    }
  }
  return 'taken';
}

/**
 * The same function but for layout, quotes, semicolons and the retry bound;
 * the retry helper also as earlier versions wrote it (reading `err.code`
 * directly, `err: NodeJS.ErrnoException` in TypeScript).
 */
export function sameHelper(declaration: string, ours: string): boolean {
  // Braces too: earlier versions wrote `if (…) x = …; else if …` in the snapshot helper.
  // And `value.map(snapshotForRetry)`, before the callback was written out.
  const normal = (code: string) =>
    code
      .replace(/attempt < \d+/g, 'attempt < N')
      .replace(/[\s;'"{}]/g, '')
      .replace(/\(item\)=>snapshotForRetry\(item\)|function\(item\)returnsnapshotForRetry\(item\)/g, 'snapshotForRetry');
  const current = normal(ours);
  const earlier = current
    .replace(/constcode=\(errasNodeJS\.ErrnoException\)\.code|constcode=err\.code/, '')
    .replace(/\(code===ECONNRESET\|\|code===EPIPE\)/, '(err.code===ECONNRESET||err.code===EPIPE)')
    .replace('err:unknown', 'err:NodeJS.ErrnoException');
  return [current, earlier].includes(normal(declaration));
}
