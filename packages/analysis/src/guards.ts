import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { calleeName, calleePath } from './ast/callee.js';
import { methodCallOn } from './ast/chains.js';
import { type FunctionNode, insideLoop, isFunction, memberPropertyName, outermostWrapper, skipTransparentWrappers, staticKeyName, staticLiteralValue } from './ast/predicates.js';
import { descendants } from './ast/walk.js';
import { type Handoff, callsOf, errorHandoff, promiseHandoff } from './handoff.js';
import { requestChains, resolveEvents } from './request-chain.js';
import { RETRY_HELPER } from './rewrite/helper.js';
import type { ValueResolver } from './values/resolver.js';

/** How many calls deep a guard may sit below the error listener (`onError` → `shouldRetry`). */
const MAX_HELPER_DEPTH = 2;

/** How many callers up an error handed on is followed (`getJson` → `get` → the request). */
const MAX_CALLER_DEPTH = 3;

/**
 * Every generic guard: whether a request is guarded because an `'error'`
 * listener on it reads `reusedSocket`, checks for `ECONNRESET` or resends it
 * on a reset; a promise's rejection handler or the `catch` around its
 * `await` does so; it is sent from inside a function handed to a retry
 * wrapper (configured, or one of the file's own that retries on a reset);
 * or the code calls the rewrite's helper. A client library's own retry
 * configuration (axios-retry, got's `retry`, superagent's `.retry()`,
 * undici's `RetryAgent`) is read in its file under `clients/`.
 */
export class GuardFinder {
  readonly #values: ValueResolver;
  readonly #retryWrappers: readonly string[];
  readonly #functionVerdicts = new Map<FunctionNode, boolean>();
  /** A function → every call of it (`callsOf`), found once however many requests hand their error to it. */
  readonly #callsCache = new Map<FunctionNode, TSESTree.CallExpression[] | undefined>();

  constructor(values: ValueResolver, retryWrappers: readonly string[]) {
    this.#values = values;
    this.#retryWrappers = retryWrappers;
  }

  isGuarded(request: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    return (
      this.insideRetryWrapper(request) ||
      this.#errorListeners(request).some(
        (listener) =>
          this.handlerGuards(listener) ||
          this.#resendsOnReset(listener, request) ||
          this.#callersGuard(errorHandoff(listener, this.#values), 0),
      )
    );
  }

  /**
   * The error is handed on (to a callback, to a promise) and every caller in
   * this file that gets it resends on the reset: a handler that decides on
   * it and sends again, a `catch` in a loop, a retry wrapper; or hands it on
   * again to callers that do. When the file does not show every caller (the
   * function is exported, passed as a value, a public method), it does not
   * count.
   */
  #callersGuard(handoff: Handoff | undefined, depth: number): boolean {
    if (!handoff || depth > MAX_CALLER_DEPTH) return false;
    if (handoff.kind === 'promise') return this.#promiseGuardedAt(handoff.promise, depth + 1);
    let calls = this.#callsCache.get(handoff.fn);
    if (!this.#callsCache.has(handoff.fn)) {
      calls = callsOf(handoff.fn, this.#values);
      this.#callsCache.set(handoff.fn, calls);
    }
    if (!calls || calls.length === 0) return false;
    if (handoff.kind === 'returned') return calls.every((call) => this.#promiseGuardedAt(call, depth + 1));
    return calls.every((call) => {
      const callback = call.arguments[handoff.index];
      if (!callback || callback.type === AST_NODE_TYPES.SpreadElement || call.arguments.slice(0, handoff.index).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
      return this.handlerGuards(callback) || this.#callersGuard(errorHandoff(callback, this.#values), depth + 1);
    });
  }

  /**
   * A listener that already resends the request when the code is a reset:
   * it (or a same-file function it calls) calls the function that sends the
   * request, or sends one itself, and the reset codes are named on the way,
   * wherever the file keeps them (`new Set(['ECONNRESET', ...])`, an array, a
   * constant, a helper such as `isRetryable(err)`).
   */
  #resendsOnReset(listener: TSESTree.Node, request: TSESTree.Node): boolean {
    return this.#values.resolve(listener).some((value) => {
      if (value.kind !== 'function') return false;
      return this.#resends(value.node.body, request, 0) && this.#namesResetCodes(value.node.body, 0, new Set());
    });
  }

  #resends(code: TSESTree.Node, request: TSESTree.Node, depth: number): boolean {
    for (const node of descendants(code)) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      for (const value of this.#values.resolve(node.callee)) {
        // Sending a request in the listener itself; one sent by a helper (a telemetry call) is not a resend.
        if (value.kind === 'request-function' && depth === 0) return true;
        if (value.kind !== 'function') continue;
        if (value.node.range[0] <= request.range[0] && request.range[1] <= value.node.range[1]) return true;
        if (depth < MAX_HELPER_DEPTH && value.node !== code.parent && this.#resends(value.node.body, request, depth + 1)) return true;
      }
    }
    return false;
  }

  #namesResetCodes(code: TSESTree.Node, depth: number, seen: Set<TSESTree.Node>): boolean {
    if (seen.has(code)) return false;
    seen.add(code);
    for (const node of descendants(code)) {
      if (isResetCode(staticLiteralValue(node))) return true;
      if (node.type === AST_NODE_TYPES.Identifier) {
        const definition = this.#values.variableOf(node)?.defs[0]?.node;
        if (definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && depth < MAX_HELPER_DEPTH) {
          if (this.#namesResetCodes(definition.init, depth + 1, seen)) return true;
        }
      }
      if (node.type === AST_NODE_TYPES.CallExpression && depth < MAX_HELPER_DEPTH) {
        const called = this.#values.resolve(node.callee);
        if (called.some((value) => value.kind === 'function' && this.#namesResetCodes(value.node.body, depth + 1, seen))) return true;
      }
    }
    return false;
  }

  /** Every listener given for `'error'` on the request: chained on the call itself, or on the variable the request is stored in. */
  #errorListeners(request: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Node[] {
    const registrations = requestChains(request, this.#values).flatMap((chain) => chain.listeners);
    return resolveEvents(registrations, this.#values)
      .filter((registration) => registration.event === 'error')
      .map((registration) => registration.listener);
  }

  /**
   * An error handler (a listener, a `.catch` callback, an interceptor) that
   * guards: it decides on the reset (reads `reusedSocket`, names
   * ECONNRESET, calls the rewrite's helper) and may send again. Naming the
   * code is not enough: a handler that only logs it, or turns it into a 504,
   * sends nothing again.
   */
  handlerGuards(handler: TSESTree.Node): boolean {
    return this.#values
      .resolve(handler)
      .some((value) => value.kind === 'function' && this.#functionGuards(value.node, 0) && this.#mayResend(value.node.body, 0));
  }

  /** A function that decides on the reset (a retry condition of axios-retry, which resends for it). */
  decidesOnReset(handler: TSESTree.Node): boolean {
    return this.#values
      .resolve(handler)
      .some((value) => value.kind === 'function' && this.#functionGuards(value.node, 0));
  }

  /**
   * The code calls something that may send the request again: anything but
   * a call that only reports the error (a logger, `console`, `reject`, a
   * response's `writeHead`/`status`/`end`, an `emit`, a metric), directly or
   * through a function of this file that does no more than report.
   */
  #mayResend(code: TSESTree.Node, depth: number): boolean {
    for (const node of descendants(code)) {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
      // `new Error(…)`, `new HttpError(504)`: a value to report, not a request.
      if (node.type === AST_NODE_TYPES.NewExpression ? /Error$/.test(calleeName(node.callee) ?? '') : onlyReports(node) || this.#onCollection(node)) continue;
      // `cb(err)`, `callback(err)`: the error is handed back to whoever called, which this guard does not see resend.
      if (this.#isParameter(node.callee)) continue;
      const called = this.#values.resolve(node.callee);
      const helpers = called.filter((value): value is Extract<typeof value, { kind: 'function' }> => value.kind === 'function');
      if (helpers.length === 0 || helpers.length < called.length) return true;
      if (helpers.some((helper) => helper.node.range[0] <= code.range[0] && code.range[1] <= helper.node.range[1])) return true;
      if (depth >= MAX_HELPER_DEPTH || helpers.some((helper) => this.#mayResend(helper.node.body, depth + 1))) return true;
    }
    return false;
  }

  #functionGuards(fn: FunctionNode, depth: number): boolean {
    const cached = this.#functionVerdicts.get(fn);
    if (cached !== undefined) return cached;
    // Recursion (a listener that calls the function sending the request) must not loop.
    this.#functionVerdicts.set(fn, false);
    const verdict = this.codeGuards(fn.body, depth);
    this.#functionVerdicts.set(fn, verdict);
    return verdict;
  }

  /** The code (a function body, a `catch` block), or a function it calls that is declared in this file, reads `reusedSocket` or names ECONNRESET. */
  codeGuards(code: TSESTree.Node, depth = 0): boolean {
    let verdict = false;
    for (const node of descendants(code)) {
      if (readsReusedSocket(node) || staticLiteralValue(node) === 'ECONNRESET' || this.#namesResetConstant(node)) {
        verdict = true;
        break;
      }
      if (node.type === AST_NODE_TYPES.CallExpression && isRetryHelperCall(node)) {
        verdict = true;
        break;
      }
      if (depth < MAX_HELPER_DEPTH && node.type === AST_NODE_TYPES.CallExpression) {
        const called = this.#values.resolve(node.callee);
        if (called.some((value) => value.kind === 'function' && this.#functionGuards(value.node, depth + 1))) {
          verdict = true;
          break;
        }
      }
    }
    return verdict;
  }

  /** A constant of the file that names ECONNRESET: `RETRYABLE.has(err.code)` with `const RETRYABLE = new Set(['ECONNRESET', …])`. */
  #namesResetConstant(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = this.#values.variableOf(node)?.defs[0]?.node;
    if (definition?.type !== AST_NODE_TYPES.VariableDeclarator || !definition.init || definition.parent.kind !== 'const') return false;
    return [...descendants(definition.init)].some((inner) => staticLiteralValue(inner) === 'ECONNRESET');
  }

  /** `cache.get(key)`, `seen.add(x)` on a `new Map()`/`Set`/`WeakMap`/`WeakSet` of the file: storage, not a request. */
  #onCollection(call: TSESTree.CallExpression): boolean {
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const object = skipTransparentWrappers(callee.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = this.#values.variableOf(object)?.defs[0]?.node;
    const init = definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.parent.kind === 'const' ? definition.init : undefined;
    return init?.type === AST_NODE_TYPES.NewExpression && /^(?:Weak)?(?:Map|Set)$/.test(calleeName(init.callee) ?? '');
  }

  /** A parameter of a function: a callback handed in. */
  #isParameter(callee: TSESTree.Node): boolean {
    const inner = skipTransparentWrappers(callee);
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    return this.#values.variableOf(inner)?.defs[0]?.type === 'Parameter';
  }

  /**
   * A promise's rejection is handled by code that checks for ECONNRESET (a
   * `.catch`, a `.then` rejection handler, a `try`/`catch` around its
   * `await`), or the call runs in a retry wrapper.
   */
  promiseGuarded(call: TSESTree.CallExpression): boolean {
    return this.#promiseGuardedAt(call, 0);
  }

  /** As `promiseGuarded`, and a rejection that leaves the function unhandled is followed to its callers. */
  #promiseGuardedAt(promise: TSESTree.Node, depth: number): boolean {
    if (this.insideRetryWrapper(promise)) return true;
    let current: TSESTree.Node = promise;
    let handled = false;
    for (;;) {
      const awaited = outermostWrapper(current).parent;
      if (awaited?.type === AST_NODE_TYPES.AwaitExpression) {
        return this.#catchGuards(awaited) || (!handled && this.#callersGuard(promiseHandoff(current), depth));
      }
      const step = methodCallOn(current);
      if (!step) return !handled && this.#callersGuard(promiseHandoff(current), depth);
      const { method, call: next } = step;
      const handler = method === 'catch' ? next.arguments[0] : method === 'then' ? next.arguments[1] : undefined;
      if (handler && this.handlerGuards(handler)) return true;
      if (method !== 'then' && method !== 'catch' && method !== 'finally') return false;
      // A rejection handler that does not guard may swallow the error: the callers would never see it.
      if (handler) handled = true;
      current = next;
    }
  }

  /** The `await` sits in a `try` whose `catch` checks for ECONNRESET. */
  #catchGuards(node: TSESTree.Node): boolean {
    for (let child = node, parent = node.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
      // The catch decides on the reset and sends again, or a loop around the try does.
      if (
        parent.type === AST_NODE_TYPES.TryStatement &&
        parent.block === child &&
        parent.handler &&
        this.codeGuards(parent.handler.body) &&
        (this.#mayResend(parent.handler.body, 0) || insideLoop(parent, isFunction))
      ) {
        return true;
      }
    }
    return false;
  }

  /**
   * Any enclosing function is an argument of a retry wrapper, directly, by
   * name, or by a call from inside a function handed to one
   * (`withRetry(() => getJson(url))` for a request in `getJson`).
   */
  insideRetryWrapper(request: TSESTree.Node): boolean {
    for (let node = request.parent; node; node = node.parent) {
      if (!isFunction(node)) continue;
      if (this.#isRetryWrapperArgument(node)) return true;
      const name = functionBinding(node);
      const variable = name ? this.#values.variableOf(name) : null;
      for (const reference of variable?.references ?? []) {
        if (this.#isRetryWrapperArgument(reference.identifier) || this.#calledInsideRetryWrapper(reference.identifier)) return true;
      }
    }
    return false;
  }

  #calledInsideRetryWrapper(reference: TSESTree.Node): boolean {
    const call = outermostWrapper(reference).parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || outermostWrapper(call.callee) !== outermostWrapper(reference)) return false;
    for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
      if (isFunction(node)) return this.#isRetryWrapperArgument(node);
    }
    return false;
  }

  #isRetryWrapperArgument(node: TSESTree.Node): boolean {
    const outer = outermostWrapper(node);
    const call = outer.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(outer as TSESTree.CallExpressionArgument)) {
      return false;
    }
    if (this.#values.resolve(call.callee).some((value) => value.kind === 'function' && this.#retriesOnReset(value.node))) return true;
    const path = calleePath(call.callee);
    if (path.length === 0) return false;
    const dotted = path.join('.');
    const last = path.at(-1);
    return this.#retryWrappers.some((wrapper) => (wrapper.includes('.') ? dotted === wrapper : last === wrapper));
  }

  /**
   * A function of this file that calls a function it is given again when the
   * error is a reset (`withRetry(fn, { tries })`): it calls it in a loop, or
   * calls itself, and names the reset codes.
   */
  #retriesOnReset(fn: FunctionNode): boolean {
    const parameters = new Set(fn.params.flatMap((parameter) => (parameter.type === AST_NODE_TYPES.Identifier ? [parameter.name] : [])));
    const calls = [...descendants(fn.body)].filter((node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression);
    const callsAgain =
      calls.some((call) => {
        const callee = skipTransparentWrappers(call.callee);
        return callee.type === AST_NODE_TYPES.Identifier && parameters.has(callee.name) && insideLoop(call, (ancestor) => ancestor === fn);
      }) || calls.some((call) => this.#values.resolve(call.callee).some((value) => value.kind === 'function' && value.node === fn));
    return callsAgain && this.#namesResetCodes(fn.body, 0, new Set());
  }
}

const isResetCode = (value: unknown): boolean => value === 'ECONNRESET' || value === 'EPIPE';

/** What a handler calls to report an error, never to send again. */
const REPORTING_METHODS: ReadonlySet<string> = new Set([
  'log', 'debug', 'info', 'warn', 'warning', 'error', 'trace', 'fatal',
  'emit', 'reject', 'writeHead', 'status', 'sendStatus', 'end', 'json', 'destroy', 'abort',
  'captureException', 'captureMessage', 'increment', 'inc', 'observe', 'record',
  'String', 'Boolean', 'Number', 'includes', 'has', 'hasHeader', 'getHeader', 'startsWith', 'endsWith', 'test', 'toString', 'stringify',
]);

/** `console.error(err)`, `logger.warn(…)`, `reject(err)`, `res.writeHead(504)`, `metrics.increment(…)`: calls that only report. */
function onlyReports(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call.callee);
  if (name === undefined) return false;
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && skipTransparentWrappers(callee.object).type === AST_NODE_TYPES.Identifier) {
    const object = skipTransparentWrappers(callee.object) as TSESTree.Identifier;
    if (object.name === 'console' || object.name === 'Object' || object.name === 'JSON') return true;
  }
  return REPORTING_METHODS.has(name);
}

/** The helper the rewrite adds, also when it is imported from a shared module. */
function isRetryHelperCall(call: TSESTree.CallExpression): boolean {
  return call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === RETRY_HELPER;
}

/** `x.reusedSocket`, `x['reusedSocket']` or `const { reusedSocket } = x`. */
function readsReusedSocket(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression) return memberPropertyName(node) === 'reusedSocket';
  if (node.type === AST_NODE_TYPES.ObjectPattern) {
    return node.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property && staticKeyName(property.key, property.computed) === 'reusedSocket',
    );
  }
  return false;
}

/** The identifier a function can be referred to by: its own name, or the variable it initialises. */
function functionBinding(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return fn.id;
  const outer = outermostWrapper(fn);
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id;
  }
  return undefined;
}
