import type { CodeStyle } from './style.js';
import { IDEMPOTENCY_KEY_HEADERS, IDEMPOTENT_METHODS } from '../http-methods.js';

/** The name of the function the rewrite calls; also what the analysis accepts as a guard wherever it comes from. */
export const RETRY_HELPER = 'shouldRetryOnReusedSocket';

/** The function that copies what a retry must send again; added to a file only when a rewrite needs it. */
export const SNAPSHOT_HELPER = 'snapshotForRetry';

/** The function that computes a value on the first attempt and gives it again to each retry. */
export const FIRST_ATTEMPT_HELPER = 'onFirstAttempt';

/** How often a rewrite may send a request again: the default, and the bounds the rule's option and the codemod's flag accept. */
export const DEFAULT_MAX_RETRIES = 3;
export const MAX_RETRIES_BOUNDS = Object.freeze({ minimum: 1, maximum: 10 });

export interface HelperOptions {
  readonly typescript: boolean;
  /** The bound written into the helper, or `'parameter'`: the shared helper module's, which each call gives. */
  readonly maxRetries: number | 'parameter';
}

/**
 * The helper the rewrite adds once per file, in the file's style. It holds
 * every condition under which clients such as Go's net/http, curl and
 * urllib3 resend a request whose keep-alive connection was closed under it.
 */
export function retryHelperSource(style: CodeStyle, options: HelperOptions): string {
  const q = (text: string) => `${style.quote}${text}${style.quote}`;
  const semi = style.semicolons ? ';' : '';
  const methods = [...IDEMPOTENT_METHODS].join('|');
  const [idempotencyKey, xIdempotencyKey] = [...IDEMPOTENCY_KEY_HEADERS] as [string, string];
  // `res` is set by Node (null until a response arrives) but missing from @types/node.
  const signature = options.typescript
    ? [
        `function ${RETRY_HELPER}${gap(style)}(`,
        `\treq: import(${q('node:http')}).ClientRequest & { res?: unknown },`,
        '\terr: unknown,',
        '\tattempt: number,',
        ...(options.maxRetries === 'parameter' ? ['\tmaxRetries: number,'] : []),
        '): boolean {',
        `\tconst code = (err as NodeJS.ErrnoException).code${semi}`,
      ]
    : [
        `function ${RETRY_HELPER}${gap(style)}(req, err, attempt${options.maxRetries === 'parameter' ? ', maxRetries' : ''}) {`,
        `\t${style.es5 ? 'var' : 'const'} code = err.code${semi}`,
      ];
  const bound = options.maxRetries === 'parameter' ? 'maxRetries' : String(options.maxRetries);
  const lines = [
    '/**',
    ' * Whether to send a request again after an error: the server closed an idle',
    " * keep-alive socket just as the request reused it (see request.reusedSocket in",
    " * Node's docs). Only for that race: a reused socket, reset before any response,",
    ' * not aborted by us, a method that is safe to repeat (or an idempotency key),',
    ` * at most ${options.maxRetries === 'parameter' ? '`maxRetries`' : options.maxRetries} times.`,
    ' *',
    ...jsdocParams(options.typescript, [
      ['req', `import(${q('node:http')}).ClientRequest`, 'The request that failed.'],
      ['err', 'Error', "The error of its 'error' event."],
      ['attempt', 'number', 'How many times it was sent again already.'],
      ...(options.maxRetries === 'parameter' ? [['maxRetries', 'number', 'How many times it may be sent again.'] as const] : []),
    ]),
    ` * @returns${options.typescript ? '' : ' {boolean}'} Whether to send it again.`,
    ' */',
    ...signature,
    '\treturn (',
    `\t\tattempt < ${bound} &&`,
    '\t\treq.reusedSocket &&',
    `\t\t(code === ${q('ECONNRESET')} || code === ${q('EPIPE')}) &&`,
    '\t\t!req.res &&',
    '\t\t!req.destroyed &&',
    `\t\t(/^(?:${methods})$/.test(req.method) ||`,
    `\t\t\treq.hasHeader(${q(idempotencyKey)}) ||`,
    `\t\t\treq.hasHeader(${q(xIdempotencyKey)}))`,
    `\t)${semi}`,
    '}',
  ];
  return inStyle(lines, style);
}

/**
 * The snapshot helper, in the file's style: a copy of what the request is
 * built from, taken before the first attempt. It copies plain objects (their
 * getters as getters, so it calls none), arrays, Buffers (any Uint8Array) and
 * URLs, and keeps everything else (an agent, a signal, a function, a class
 * instance) as it is.
 */
export function snapshotHelperSource(style: CodeStyle, options: Pick<HelperOptions, 'typescript'>): string {
  const semi = style.semicolons ? ';' : '';
  const ts = options.typescript;
  const lines = [
    '/**',
    ' * What a request was built from, copied before its first attempt, so that a',
    ' * retry sends the same thing even if the code changes the original meanwhile.',
    ' * Getters are copied as getters: the copy runs no code of the project.',
    ' *',
    ...jsdocParams(ts, [['value', '*', 'A value the request is sent with.']]),
    ` * @returns${ts ? '' : ' {*}'} The copy, or the value itself when it is not a plain`,
    ' *     object, an array, bytes or a URL.',
    ' */',
    ts ? `function ${SNAPSHOT_HELPER}<T>(value: T): T {` : `function ${SNAPSHOT_HELPER}${gap(style)}(value) {`,
    `\t${style.es5 ? 'var' : 'let'} copy${ts ? ': unknown' : ''} = value${semi}`,
    '\tif (Array.isArray(value)) {',
    `\t\tcopy = value.map(${style.es5 ? `function (item) { return ${SNAPSHOT_HELPER}(item)${semi} }` : `(item) => ${SNAPSHOT_HELPER}(item)`})${semi}`,
    '\t} else if (value instanceof Uint8Array) {',
    `\t\tcopy = Buffer.from(value)${semi}`,
    '\t} else if (value instanceof URL) {',
    `\t\tcopy = new URL(value.href)${semi}`,
    '\t} else if (',
    `\t\ttypeof value === ${style.quote}object${style.quote} &&`,
    '\t\tvalue !== null &&',
    '\t\t[Object.prototype, null].includes(Object.getPrototypeOf(value))',
    '\t) {',
    ...(style.es5
      ? [
          `\t\tvar properties = Object.getOwnPropertyDescriptors(value)${semi}`,
          '\t\tObject.keys(properties).forEach(function (key) {',
          `\t\t\tif (${style.quote}value${style.quote} in properties[key]) {`,
          `\t\t\t\tproperties[key].value = ${SNAPSHOT_HELPER}(properties[key].value)${semi}`,
          '\t\t\t}',
          `\t\t})${semi}`,
        ]
      : [
          `\t\tconst properties = Object.getOwnPropertyDescriptors(value)${semi}`,
          `\t\tfor (const property of Object.values(properties)) {`,
          `\t\t\tif (${style.quote}value${style.quote} in property) {`,
          `\t\t\t\tproperty.value = ${SNAPSHOT_HELPER}(property.value)${semi}`,
          '\t\t\t}',
          '\t\t}',
        ]),
    `\t\tcopy = Object.create(Object.getPrototypeOf(value), properties)${semi}`,
    '\t}',
    `\treturn copy${ts ? ' as T' : ''}${semi}`,
    '}',
  ];
  return inStyle(lines, style);
}

/**
 * The first-attempt helper, in the file's style: `onFirstAttempt(() => x)`
 * gives a function that computes `x` where the first attempt first asks for
 * it, and the same value for every retry.
 */
export function firstAttemptHelperSource(style: CodeStyle, options: Pick<HelperOptions, 'typescript'>): string {
  const semi = style.semicolons ? ';' : '';
  const ts = options.typescript;
  const lines = [
    '/**',
    ' * A value the request is sent with, computed where the first attempt computes',
    ' * it, and the same value again for each retry.',
    ' *',
    ...jsdocParams(ts, [['compute', 'function(): *', 'Computes the value, once.']]),
    ` * @returns${ts ? '' : ' {function(): *}'} A function that gives the value.`,
    ' */',
    ts ? `function ${FIRST_ATTEMPT_HELPER}<T>(compute: () => T): () => T {` : `function ${FIRST_ATTEMPT_HELPER}${gap(style)}(compute) {`,
    `\t${style.es5 ? 'var' : 'let'} computed = false${semi}`,
    `\t${style.es5 ? 'var' : 'let'} value${ts ? ': T | undefined' : ''}${semi}`,
    style.es5 ? '\treturn function () {' : '\treturn () => {',
    '\t\tif (!computed) {',
    `\t\t\tvalue = compute()${semi}`,
    `\t\t\tcomputed = true${semi}`,
    '\t\t}',
    `\t\treturn value${ts ? ' as T' : ''}${semi}`,
    `\t}${semi}`,
    '}',
  ];
  return inStyle(lines, style);
}

/** ' ' in a file that writes `function name (…)`. */
function gap(style: CodeStyle): string {
  return style.spaceBeforeParen ? ' ' : '';
}

/** `@param` lines of a JSDoc block: with `{type}` in JavaScript, without in TypeScript (the signature has the types). */
function jsdocParams(typescript: boolean, parameters: readonly (readonly [string, string, string])[]): string[] {
  return parameters.map(([name, type, text]) => ` * @param ${typescript ? '' : `{${type}} `}${name} ${text}`);
}

/** Lines written with tabs for depth, in the file's indentation and line endings. */
function inStyle(lines: readonly string[], style: CodeStyle): string {
  return lines.map((line) => line.replace(/^\t+/, (tabs) => style.indent.repeat(tabs.length))).join(style.eol);
}
