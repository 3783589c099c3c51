import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import {
  type FunctionNode,
  childNodes,
  descendants,
  isClass,
  isFunction,
  memberPropertyName,
  methodCallOn,
  outermostWrapper,
  skipTransparentWrappers,
  staticKeyName,
  staticLiteralValue,
} from '../ast.js';
import { CLIENT_ADVICE } from '../clients.js';
import type { HostVariable } from '../host.js';
import type { ClientName } from '../modules.js';
import { type RequestNode, requestOptions } from '../request-arguments.js';
import { type ListenerRegistration, followRequestChain } from '../request-chain.js';
import { lineIndent } from '../text.js';
import type { ValueResolver } from '../values.js';
import { IDEMPOTENCY_KEY_HEADERS, IDEMPOTENT_METHODS, RETRY_HELPER, retryHelperSource } from './helper.js';
import type { CodeStyle } from './style.js';

export interface TextEdit {
  /** Offsets into the analysed text (without a BOM). */
  readonly range: readonly [number, number];
  readonly text: string;
}

/** Why a request is left as it is; each is a case where a retry could change what the code does. */
export type SkipReason =
  | 'non-idempotent'
  | 'escapes'
  | 'streamed-body'
  | 'upgrade'
  | 'not-a-statement'
  | 'interleaved'
  | 'control-flow'
  | 'error-listener'
  | 'chain'
  | 'late-body'
  | 'shared-line'
  | 'agent-in-another-module'
  | `client-${ClientName}`;

export const SKIP_REASONS: Readonly<Record<SkipReason, string>> = {
  'non-idempotent':
    'the method is not idempotent and no Idempotency-Key header is set, so sending it again could repeat its effect',
  escapes: 'the request object is used outside the statements that would be retried',
  'streamed-body': 'the body is streamed (pipe, pipeline, or written in a later callback) and cannot be replayed',
  upgrade: 'an upgrade or CONNECT request hands its socket over and cannot be replayed',
  'not-a-statement': 'the request is not a statement of its own in a block',
  interleaved: 'other statements sit between the statements that use the request',
  'control-flow': 'the statements that use the request contain return, await, yield, break or continue',
  'error-listener': "the request has several 'error' listeners, or one the rewrite cannot extend",
  chain: 'the request is used through a call chain whose result is not the request',
  'late-body': 'the body is computed by the statements that use the request, so it cannot be evaluated once before them',
  'shared-line': 'the statements share their lines with other code, as in minified or generated files',
  'agent-in-another-module':
    'the agent is defined in another module, which the codemod does not read; the rule with `resolveImportedAgents` and type information reports the request if that agent keeps sockets alive',
  ...clientReasons(),
};

/** The codemod rewrites only `http`/`https` requests; for a client it says how to guard it instead. */
function clientReasons(): Record<`client-${ClientName}`, string> {
  const entries = (Object.keys(CLIENT_ADVICE) as ClientName[]).map(
    (client) => [`client-${client}`, `${client} sends it, which the codemod does not rewrite; to guard it, ${CLIENT_ADVICE[client].guard}`] as const,
  );
  return Object.fromEntries(entries) as Record<`client-${ClientName}`, string>;
}

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
}

class Skip extends Error {
  constructor(readonly reason: SkipReason) {
    super(SKIP_REASONS[reason]);
  }
}

const skip = (reason: SkipReason): never => {
  throw new Skip(reason);
};

/** Calls that compute a value and nothing else, so evaluating them again would give the same body. */
const PURE_CALLS: ReadonlySet<string> = new Set([
  'JSON.stringify',
  'String',
  'Number',
  'encodeURIComponent',
  'encodeURI',
  'Buffer.from',
  'Buffer.byteLength',
  'URL',
  'URLSearchParams',
]);

const NAME_CANDIDATES = {
  send: ['send', 'sendRequest', 'sendAgain'],
  attempt: ['attempt', 'attemptNumber', 'retryAttempt'],
  request: ['req', 'request', 'clientRequest'],
  error: ['err', 'error', 'failure'],
  body: ['body', 'requestBody', 'payload'],
  url: ['url', 'requestUrl', 'target'],
  options: ['options', 'requestOptions', 'requestOpts'],
} as const;

/**
 * Plans the rewrite of one unguarded request into a bounded retry:
 *
 *     const send = (attempt = 0) => {
 *       const req = http.get(url, { agent }, onResponse);
 *       req.on('error', (err) => {
 *         if (shouldRetryOnReusedSocket(req, err, attempt)) return send(attempt + 1);
 *         onError(err);
 *       });
 *     };
 *     send();
 *
 * plus the helper at the end of the file when it is not there yet. Or the
 * reason it must be left alone.
 */
export function planRewrite(request: RequestNode, context: RewriteContext): RewritePlan {
  try {
    return { kind: 'rewrite', edits: new RewriteBuilder(request, context).edits() };
  } catch (error) {
    if (error instanceof Skip) return { kind: 'skip', reason: error.reason };
    throw error;
  }
}

interface Site {
  readonly statements: readonly TSESTree.Statement[];
  /** The request's own statement: `const req = ...;` or `http.get(...);`. */
  readonly statement: TSESTree.Statement;
  /** The variable holding the request; `undefined` for a bare expression statement. */
  readonly variable: HostVariable | undefined;
  /** What to call the request in the code we write. */
  readonly requestName: string;
  readonly registrations: readonly ListenerRegistration[];
}

class RewriteBuilder {
  readonly #request: RequestNode;
  readonly #context: RewriteContext;
  readonly #text: string;
  readonly #style: CodeStyle;
  readonly #semi: string;
  readonly #takenNames: ReadonlySet<string>;
  /** The request's options argument (see `requestOptions`), found once. */
  readonly #options: TSESTree.Node | null | 'unknown';

  constructor(request: RequestNode, context: RewriteContext) {
    this.#request = request;
    this.#context = context;
    this.#text = context.text;
    this.#style = context.style;
    this.#semi = context.style.semicolons ? ';' : '';
    // Names we add must neither capture a name used here nor shadow one visible here.
    this.#takenNames = new Set([...identifierNames(scopeRoot(request)), ...visibleBindingNames(request)]);
    this.#options = requestOptions(request, context.values);
  }

  edits(): TextEdit[] {
    const site = this.#site();
    this.#checkOwnLines(site);
    this.#checkReplayable(site);
    const names = {
      send: this.#freeName(NAME_CANDIDATES.send),
      attempt: this.#freeName(NAME_CANDIDATES.attempt),
      request: site.requestName,
    };
    const first = site.statements[0] as TSESTree.Statement;
    const last = site.statements.at(-1) as TSESTree.Statement;
    const indent = lineIndent(this.#text, first.range[0]);
    const inner: TextEdit[] = [];
    const hoisted: string[] = [];

    if (!site.variable) inner.push({ range: [first.range[0], first.range[0]], text: `const ${site.requestName} = ` });
    this.#hoistOnceEvaluated(site, inner, hoisted);

    const errorListeners = site.registrations.filter((registration) => registration.event === 'error');
    if (errorListeners.length > 1) skip('error-listener');
    const retryLine = (error: string) =>
      `if (${RETRY_HELPER}(${names.request}, ${error}, ${names.attempt})) return ${names.send}(${names.attempt} + 1)${this.#semi}`;
    const [existing] = errorListeners;
    if (existing) {
      inner.push(...this.#extendListener(existing.listener, names.request, retryLine));
    } else {
      const error = this.#freeName(NAME_CANDIDATES.error);
      const q = this.#style.quote;
      const listener = [
        `${names.request}.on(${q}error${q}, (${error}) => {`,
        `${indent}${this.#style.indent}${retryLine(error)}`,
        `${indent}${this.#style.indent}throw ${error}${this.#semi} // as before: with no 'error' listener the error was thrown`,
        `${indent}})${this.#semi}`,
      ].join(this.#style.eol);
      inner.push({ range: [site.statement.range[1], site.statement.range[1]], text: `${this.#style.eol}${indent}${listener}` });
    }

    const body = indentBlock(this.#text, first.range[0], last.range[1], inner, templateRanges(site.statements), this.#style);
    const { eol } = this.#style;
    const unit = this.#style.indent;
    const replacement =
      hoisted.map((declaration) => `${declaration}${eol}${indent}`).join('') +
      `const ${names.send} = (${names.attempt} = 0) => {${eol}${indent}${unit}${body}${eol}${indent}}${this.#semi}${eol}` +
      `${indent}${names.send}()${this.#semi}`;
    const edits: TextEdit[] = [{ range: [first.range[0], last.range[1]], text: replacement }];
    const helper = this.#helperEdit();
    if (helper) edits.push(helper);
    return edits;
  }

  /** The statements to move into `send`, and how the request is held. */
  #site(): Site {
    const chain = followRequestChain(this.#request);
    if (chain.stoppedAt) skip('chain');
    const outer = outermostWrapper(chain.end);
    const parent = outer.parent;
    if (parent?.type === AST_NODE_TYPES.ExpressionStatement) {
      const statements = [parent];
      const list = statementList(parent);
      if (!list) skip('not-a-statement');
      return {
        statements,
        statement: parent,
        variable: undefined,
        requestName: this.#freeName(NAME_CANDIDATES.request),
        registrations: chain.listeners,
      };
    }
    if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression) skip('not-a-statement');
    if (
      parent?.type !== AST_NODE_TYPES.VariableDeclarator ||
      parent.init !== outer ||
      parent.id.type !== AST_NODE_TYPES.Identifier ||
      parent.parent.declarations.length !== 1
    ) {
      return skip('escapes');
    }
    const declaration = parent.parent;
    const list = statementList(declaration) ?? skip('not-a-statement');
    const variable = this.#context.values.variableOf(parent.id) ?? skip('escapes');
    const start = list.indexOf(declaration);
    let end = start;
    const registrations = [...chain.listeners];
    for (const reference of variable.references) {
      if (reference.identifier === parent.id) continue;
      if (reference.isWrite()) skip('escapes');
      const index = list.findIndex((statement) => contains(statement, reference.identifier));
      if (index < start) skip('escapes');
      end = Math.max(end, index);
      this.#checkReferenceUse(reference.identifier, list[index] as TSESTree.Statement);
      registrations.push(...followRequestChain(reference.identifier).listeners);
    }
    const statements = list.slice(start, end + 1);
    for (const statement of statements.slice(1)) {
      if (!variable.references.some((reference) => contains(statement, reference.identifier))) skip('interleaved');
    }
    return { statements, statement: declaration, variable, requestName: parent.id.name, registrations };
  }

  /** The statements start and end their lines: a rewrite of minified or generated code would help nobody. */
  #checkOwnLines(site: Site): void {
    const text = this.#text;
    const start = (site.statements[0] as TSESTree.Statement).range[0];
    const end = (site.statements.at(-1) as TSESTree.Statement).range[1];
    const before = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
    const lineEnd = text.indexOf('\n', end);
    const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
    if (before.trim() !== '' || !/^\s*(?:\/\/.*|\/\*.*\*\/\s*)?$/.test(after)) skip('shared-line');
  }

  /** A use of the request variable is fine when it stays on the request and is not a later write of the body. */
  #checkReferenceUse(identifier: TSESTree.Node, statement: TSESTree.Statement): void {
    const outer = outermostWrapper(identifier);
    const parent = outer.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
      const method = methodCallOn(identifier)?.method;
      if ((method === 'write' || method === 'end') && crossesFunction(identifier, statement)) skip('streamed-body');
      return;
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(outer as TSESTree.CallExpressionArgument)) {
      const callee = skipTransparentWrappers(parent.callee);
      const name =
        callee.type === AST_NODE_TYPES.Identifier
          ? callee.name
          : callee.type === AST_NODE_TYPES.MemberExpression
            ? memberPropertyName(callee)
            : undefined;
      if (name === 'pipe' || name === 'pipeline') skip('streamed-body');
    }
    skip('escapes');
  }

  /** What a retry would have to do again must be something that can be done again. */
  #checkReplayable(site: Site): void {
    for (const registration of site.registrations) {
      if (registration.event === 'upgrade' || registration.event === 'connect') skip('upgrade');
    }
    for (const statement of site.statements) {
      for (const node of ownNodes(statement)) {
        if (
          node.type === AST_NODE_TYPES.ReturnStatement ||
          node.type === AST_NODE_TYPES.AwaitExpression ||
          node.type === AST_NODE_TYPES.YieldExpression ||
          (node.type === AST_NODE_TYPES.ForOfStatement && node.await) ||
          ((node.type === AST_NODE_TYPES.BreakStatement || node.type === AST_NODE_TYPES.ContinueStatement) &&
            !insideLoopWithin(node, statement))
        ) {
          skip('control-flow');
        }
      }
      if (statement !== site.statement) this.#checkDeclarationsStayInside(statement, site);
    }
    this.#checkIdempotency(site);
  }

  /** A variable declared among the moved statements must not be used after them. */
  #checkDeclarationsStayInside(statement: TSESTree.Statement, site: Site): void {
    const declared: TSESTree.Identifier[] = [];
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        for (const node of descendants(declarator.id)) if (node.type === AST_NODE_TYPES.Identifier) declared.push(node);
      }
    } else if (
      (statement.type === AST_NODE_TYPES.FunctionDeclaration || statement.type === AST_NODE_TYPES.ClassDeclaration) &&
      statement.id
    ) {
      declared.push(statement.id);
    }
    const last = site.statements.at(-1) as TSESTree.Statement;
    const first = site.statements[0] as TSESTree.Statement;
    for (const identifier of declared) {
      const variable = this.#context.values.variableOf(identifier);
      for (const reference of variable?.references ?? []) {
        const at = reference.identifier.range[0];
        if (at < first.range[0] || at > last.range[1]) skip('escapes');
      }
    }
  }

  /** A request that is certainly POST/PATCH/... without an idempotency key is not replayed. */
  #checkIdempotency(site: Site): void {
    const methods = this.#staticMethods();
    if (methods?.has('CONNECT')) skip('upgrade');
    if (!methods || [...methods].some((method) => IDEMPOTENT_METHODS.has(method))) return;
    if (this.#mayHaveIdempotencyKey(site)) return;
    skip('non-idempotent');
  }

  /** Every method the request may use, or `undefined` when one of them cannot be known. */
  #staticMethods(): Set<string> | undefined {
    const options = this.#options;
    if (options === 'unknown') return undefined;
    if (options === null) return new Set(['GET']);
    const lookup = this.#context.values.lookupProperty(options, 'method');
    const methods = new Set<string>(lookup.mayBeAbsent ? ['GET'] : []);
    for (const value of lookup.values) {
      if (value.kind !== 'string' || value.value === undefined) return undefined;
      methods.add(value.value.toUpperCase());
    }
    return methods;
  }

  #mayHaveIdempotencyKey(site: Site): boolean {
    const options = this.#options;
    if (options && options !== 'unknown') {
      const headers = this.#context.values.lookupProperty(options, 'headers');
      for (const value of headers.values) {
        if (value.kind !== 'object') return true;
        for (const property of value.node.properties) {
          if (property.type !== AST_NODE_TYPES.Property) return true;
          const key = staticKeyName(property.key, property.computed);
          if (key === undefined || IDEMPOTENCY_KEY_HEADERS.has(key.toLowerCase())) return true;
        }
      }
    }
    // req.setHeader('Idempotency-Key', ...) among the moved statements.
    return site.statements.some((statement) =>
      [...descendants(statement)].some((node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return false;
        const callee = skipTransparentWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(callee) !== 'setHeader') return false;
        const [name] = node.arguments;
        const header = name ? staticLiteralValue(name) : undefined;
        return typeof header !== 'string' || IDEMPOTENCY_KEY_HEADERS.has(header.toLowerCase());
      }),
    );
  }

  /**
   * Arguments of the request and bodies given to `write`/`end` are evaluated
   * once, before `send`, so that a retry replays the same values and runs no
   * side effect twice.
   */
  #hoistOnceEvaluated(site: Site, edits: TextEdit[], hoisted: string[]): void {
    const candidates: { node: TSESTree.Node; names: readonly string[] }[] = [];
    const options = this.#options;
    for (const argument of this.#request.arguments) {
      if (isFunction(argument)) continue;
      candidates.push({ node: argument, names: argument === options ? NAME_CANDIDATES.options : NAME_CANDIDATES.url });
    }
    for (const statement of site.statements) {
      for (const node of ownNodes(statement)) {
        if (node.type !== AST_NODE_TYPES.CallExpression) continue;
        const callee = skipTransparentWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
        const method = memberPropertyName(callee);
        if (method !== 'write' && method !== 'end') continue;
        if (!this.#isTheRequest(callee.object, site)) continue;
        const [chunk] = node.arguments;
        if (chunk && !isFunction(chunk)) candidates.push({ node: chunk, names: NAME_CANDIDATES.body });
      }
    }
    const first = site.statements[0] as TSESTree.Statement;
    const last = site.statements.at(-1) as TSESTree.Statement;
    const chosen = new Set<string>();
    for (const { node, names } of candidates) {
      if (!mayHaveSideEffects(node)) continue;
      // A value computed from the moved statements themselves cannot move before them.
      for (const inner of descendants(node)) {
        if (inner.type !== AST_NODE_TYPES.Identifier) continue;
        const variable = this.#context.values.variableOf(inner);
        const declaredAt = variable?.defs[0]?.name.range[0];
        if (declaredAt !== undefined && declaredAt >= first.range[0] && declaredAt <= last.range[1]) skip('late-body');
      }
      const name = this.#freeName(names, chosen);
      chosen.add(name);
      hoisted.push(`const ${name} = ${this.#text.slice(node.range[0], node.range[1])}${this.#semi}`);
      edits.push({ range: [node.range[0], node.range[1]], text: name });
    }
  }

  #isTheRequest(node: TSESTree.Node, site: Site): boolean {
    const inner = skipTransparentWrappers(node);
    if (site.variable) {
      return inner.type === AST_NODE_TYPES.Identifier && this.#context.values.variableOf(inner) === site.variable;
    }
    // `http.request(...).on(...).end(body)`: the object is the request, or a call chained on it.
    let current: TSESTree.Node = inner;
    while (current !== this.#request && current.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTransparentWrappers(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      current = skipTransparentWrappers(callee.object);
    }
    return current === this.#request;
  }

  /** Puts the retry first in the existing 'error' listener. */
  #extendListener(listener: TSESTree.Node, requestName: string, retryLine: (error: string) => string): TextEdit[] {
    const text = this.#text;
    const { eol, indent: unit } = this.#style;
    const lineStartIndent = lineIndent(text, listener.range[0]);
    if (isFunction(listener)) {
      const parameters = listener.params.filter(
        (parameter) => !(parameter.type === AST_NODE_TYPES.Identifier && parameter.name === 'this'),
      );
      const edits: TextEdit[] = [];
      let error: string;
      const [first] = parameters;
      if (!first) {
        if (parameters.length !== listener.params.length) skip('error-listener');
        error = this.#freeName(NAME_CANDIDATES.error, identifierNames(listener));
        const open = text.indexOf('(', listener.id ? listener.id.range[1] : listener.range[0]);
        const close = text.indexOf(')', open);
        edits.push({ range: [open, close + 1], text: `(${error})` });
      } else if (first.type === AST_NODE_TYPES.Identifier) {
        error = first.name;
      } else {
        return skip('error-listener');
      }
      edits.push(...this.#prependStatement(listener, retryLine(error), lineStartIndent));
      return edits;
    }
    const handler = skipTransparentWrappers(listener);
    if (handler.type !== AST_NODE_TYPES.Identifier && handler.type !== AST_NODE_TYPES.MemberExpression) {
      return skip('error-listener');
    }
    const error = this.#freeName(NAME_CANDIDATES.error, identifierNames(handler));
    const handlerText = text.slice(listener.range[0], listener.range[1]);
    // A listener is called with the request as `this`; keep that where it could matter.
    const call =
      handler.type === AST_NODE_TYPES.Identifier && !this.#usesThis(handler)
        ? `${handlerText}(${error})`
        : `${handlerText}.call(${requestName}, ${error})`;
    const body = `${lineStartIndent}${unit}`;
    return [
      {
        range: [listener.range[0], listener.range[1]],
        text: `(${error}) => {${eol}${body}${retryLine(error)}${eol}${body}${call}${this.#semi}${eol}${lineStartIndent}}`,
      },
    ];
  }

  /** Inserts `statement` as the first statement of a function's body, turning an expression body into a block. */
  #prependStatement(fn: FunctionNode, statement: string, indent: string): TextEdit[] {
    const text = this.#text;
    const { eol, indent: unit } = this.#style;
    const body = fn.body;
    const inner = `${indent}${unit}`;
    if (body.type !== AST_NODE_TYPES.BlockStatement) {
      const arrow = text.lastIndexOf('=>', body.range[0]);
      const start = arrow + 2 + (/^\s*/.exec(text.slice(arrow + 2))?.[0].length ?? 0);
      const expression = text.slice(start, fn.range[1]);
      return [
        {
          range: [start, fn.range[1]],
          text: `{${eol}${inner}${statement}${eol}${inner}${expression}${this.#semi}${eol}${indent}}`,
        },
      ];
    }
    const [firstStatement] = body.body;
    const lastStatement = body.body.at(-1);
    if (!firstStatement || !lastStatement) {
      return [{ range: [body.range[0], body.range[1]], text: `{${eol}${inner}${statement}${eol}${indent}}` }];
    }
    if (!sameLine(text, body.range[0], firstStatement.range[0])) {
      const firstIndent = lineIndent(text, firstStatement.range[0]);
      return [{ range: [firstStatement.range[0], firstStatement.range[0]], text: `${statement}${eol}${firstIndent}` }];
    }
    // `{ reject(err); }` on one line: open it up.
    const edits: TextEdit[] = [
      { range: [body.range[0] + 1, firstStatement.range[0]], text: `${eol}${inner}${statement}${eol}${inner}` },
    ];
    if (sameLine(text, lastStatement.range[1], body.range[1] - 1)) {
      edits.push({ range: [lastStatement.range[1], body.range[1] - 1], text: `${eol}${indent}` });
    }
    return edits;
  }

  /** Whether the function an identifier names uses `this` (so it must keep the request as `this`). */
  #usesThis(identifier: TSESTree.Identifier): boolean {
    return this.#context.values
      .resolve(identifier)
      .some(
        (value) =>
          value.kind === 'function' &&
          value.node.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
          ownNodes(value.node.body).some((node) => node.type === AST_NODE_TYPES.ThisExpression),
      );
  }

  /** The helper at the end of the file, unless the file has it (or imports it) already. */
  #helperEdit(): TextEdit | undefined {
    if (this.#takenNamesAtTop().has(RETRY_HELPER)) return undefined;
    const { eol } = this.#style;
    const helper = retryHelperSource(this.#style, {
      typescript: this.#context.typescript,
      maxRetries: this.#context.maxRetries,
    });
    const end = this.#text.length;
    const endsWithNewline = /\r?\n$/.test(this.#text);
    return { range: [end, end], text: `${endsWithNewline ? '' : eol}${eol}${helper}${eol}` };
  }

  #takenNamesAtTop(): ReadonlySet<string> {
    return identifierNames(this.#context.program);
  }

  #freeName(candidates: readonly string[], alsoTaken: ReadonlySet<string> = new Set()): string {
    for (const candidate of candidates) {
      if (!this.#takenNames.has(candidate) && !alsoTaken.has(candidate)) return candidate;
    }
    const base = candidates[0] as string;
    for (let suffix = 2; ; suffix += 1) {
      const candidate = `${base}${suffix}`;
      if (!this.#takenNames.has(candidate) && !alsoTaken.has(candidate)) return candidate;
    }
  }
}

/** The list a statement sits in (a block, the program, a case), or `undefined`. */
function statementList(statement: TSESTree.Node): TSESTree.Statement[] | undefined {
  const parent = statement.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
      return parent.body as TSESTree.Statement[];
    case AST_NODE_TYPES.SwitchCase:
      return parent.consequent;
    default:
      return undefined;
  }
}

/** The function (or program) whose names the code we add must not collide with. */
function scopeRoot(node: TSESTree.Node): TSESTree.Node {
  let root: TSESTree.Node = node;
  for (let current = node.parent; current; current = current.parent) {
    root = current;
    if (isFunction(current)) break;
  }
  return root;
}

/** Names bound in the scopes around `node`: declarations of enclosing blocks, parameters of enclosing functions. */
function visibleBindingNames(node: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: TSESTree.Node | null | undefined) => {
    if (!pattern) return;
    for (const inner of descendants(pattern)) if (inner.type === AST_NODE_TYPES.Identifier) names.add(inner.name);
  };
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) {
      addPattern(current.id);
      for (const parameter of current.params) addPattern(parameter);
    }
    const list = 'body' in current && Array.isArray(current.body) ? current.body : current.type === AST_NODE_TYPES.SwitchCase ? current.consequent : [];
    for (const statement of list as TSESTree.Node[]) {
      const declaration =
        (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
        statement.declaration
          ? statement.declaration
          : statement;
      switch (declaration.type) {
        case AST_NODE_TYPES.VariableDeclaration:
          for (const declarator of declaration.declarations) addPattern(declarator.id);
          break;
        case AST_NODE_TYPES.FunctionDeclaration:
        case AST_NODE_TYPES.ClassDeclaration:
        case AST_NODE_TYPES.TSImportEqualsDeclaration:
          addPattern(declaration.id);
          break;
        case AST_NODE_TYPES.ImportDeclaration:
          for (const specifier of declaration.specifiers) addPattern(specifier.local);
          break;
        default:
          break;
      }
    }
  }
  return names;
}

const namesCache = new WeakMap<TSESTree.Node, ReadonlySet<string>>();

/** Every identifier spelled anywhere under `root`: a name not in it can be introduced without shadowing. */
function identifierNames(root: TSESTree.Node): ReadonlySet<string> {
  const cached = namesCache.get(root);
  if (cached) return cached;
  const names = new Set<string>();
  for (const node of descendants(root)) {
    if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.JSXIdentifier) names.add(node.name);
  }
  namesCache.set(root, names);
  return names;
}

/** Nodes of `root` that run when it runs: not those inside nested functions or classes. */
function ownNodes(root: TSESTree.Node): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  const pending: TSESTree.Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as TSESTree.Node;
    nodes.push(node);
    for (const child of childNodes(node)) {
      if (!isFunction(child) && !isClass(child)) pending.push(child);
    }
  }
  return nodes;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Whether a function lies between `node` and `statement`. */
function crossesFunction(node: TSESTree.Node, statement: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== statement; current = current.parent) {
    if (isFunction(current)) return true;
  }
  return false;
}

/** A break/continue whose loop (or switch) is itself inside `statement`. */
function insideLoopWithin(node: TSESTree.BreakStatement | TSESTree.ContinueStatement, statement: TSESTree.Node): boolean {
  if (node.label) return false;
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== statement; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      case AST_NODE_TYPES.SwitchStatement:
        if (node.type === AST_NODE_TYPES.BreakStatement) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

/** Whether evaluating `node` again could do something, or give something, different. */
function mayHaveSideEffects(node: TSESTree.Node): boolean {
  return ownNodes(node).some((inner) => {
    switch (inner.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return !PURE_CALLS.has(calleeText(inner.callee));
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.TaggedTemplateExpression:
      case AST_NODE_TYPES.ImportExpression:
        return true;
      case AST_NODE_TYPES.UnaryExpression:
        return inner.operator === 'delete';
      default:
        return false;
    }
  });
}

function calleeText(callee: TSESTree.Node): string {
  const inner = skipTransparentWrappers(callee);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.Identifier) {
    return `${inner.object.name}.${memberPropertyName(inner) ?? ''}`;
  }
  return '';
}

/** Ranges of template literals: their lines must not be re-indented, or their text would change. */
function templateRanges(statements: readonly TSESTree.Statement[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const statement of statements) {
    for (const node of descendants(statement)) {
      if (node.type === AST_NODE_TYPES.TemplateLiteral) ranges.push([node.range[0], node.range[1]]);
    }
  }
  return ranges;
}

function sameLine(text: string, from: number, to: number): boolean {
  return !text.slice(Math.min(from, to), Math.max(from, to)).includes('\n');
}

/**
 * `text[start, end)` with `edits` applied, every line after the first one
 * level deeper: inserted lines are written at the original depth and are
 * indented with the rest. Lines inside template literals and blank lines are
 * left as they are.
 */
function indentBlock(
  text: string,
  start: number,
  end: number,
  edits: readonly TextEdit[],
  protectedRanges: readonly (readonly [number, number])[],
  style: CodeStyle,
): string {
  const deeper = (segment: string, offset: number | undefined): string =>
    segment.replace(/\n(?=([^\r\n]?))/g, (newline, next: string, index: number) => {
      if (next === '') return newline;
      if (offset !== undefined) {
        const lineStart = offset + index + 1;
        if (protectedRanges.some(([from, to]) => from < lineStart && lineStart < to)) return newline;
      }
      return `${newline}${style.indent}`;
    });
  let result = '';
  let position = start;
  for (const edit of [...edits].sort((a, b) => a.range[0] - b.range[0])) {
    result += deeper(text.slice(position, edit.range[0]), position);
    result += deeper(edit.text, undefined);
    position = edit.range[1];
  }
  return result + deeper(text.slice(position, end), position);
}
