import { CLIENT_ADVICE, type ClientName } from '../clients/index.js';

/**
 * Why a request is left as it is: one key per check the planner makes, each
 * a case where a retry could change what the code does or sends.
 */
export type SkipReason =
  | 'non-idempotent'
  | 'escapes'
  | 'streamed-body'
  | 'body-in-loop'
  | 'used-by-other-code'
  | 'upgrade'
  | 'not-a-statement'
  | 'interleaved'
  | 'control-flow'
  | 'error-listener'
  | 'socket-listener'
  | 'close-listener'
  | 'timeout-listener'
  | 'runs-before-outcome'
  | 'chain'
  | 'late-body'
  | 'changing-callee'
  | 'getter'
  | 'inline-function-types'
  | 'narrowed-value'
  | 'arguments'
  | 'helper-outside-package'
  | 'helper-name-taken'
  | 'shared-line'
  | 'unresolved-agent'
  | 'agent-in-another-module'
  | `client-${ClientName}`;

export const SKIP_REASONS: Readonly<Record<SkipReason, string>> = {
  'non-idempotent':
    'the method is not idempotent and no Idempotency-Key header is set, so sending it again could repeat its effect',
  escapes: 'the request object is used outside the statements that would be retried',
  'streamed-body': 'the body is streamed (pipe, pipeline, or written in a later callback) and cannot be replayed',
  'body-in-loop': 'the body is written in a loop (or an array callback), which a retry cannot replay as it was sent',
  'used-by-other-code':
    'the request is used by a statement that is not a plain call on it (a condition, a timer, a helper), which a retry would run again or leave pointing at the abandoned attempt',
  upgrade: 'an upgrade or CONNECT request hands its socket over and cannot be replayed',
  'not-a-statement': 'the request is not a statement of its own in a block',
  interleaved: 'other statements sit between the statements that use the request',
  'control-flow': 'the statements that use the request contain return, await, yield, break or continue',
  'error-listener': "the request has several 'error' listeners, or one the rewrite cannot extend",
  'socket-listener': "a 'socket' listener runs for every socket, so a retry would run it again on the new one",
  'close-listener': "a 'close' listener runs when each attempt closes, so a retry would run it again",
  'timeout-listener':
    "a 'timeout' listener that does not destroy the request could run for an attempt that is then retried",
  'runs-before-outcome':
    "a callback that runs before the attempt's outcome is known (a write or end callback, a 'finish' listener) would run again on a retry",
  chain: 'the request is used through a call chain whose result is not the request',
  'late-body': 'the body is computed by the statements that use the request, so it cannot be evaluated once before them',
  'changing-callee': 'which function sends the request is read from a variable that changes, so a retry could call another one',
  getter: 'an object the request is built from has a getter or setter, which Node would run again for each attempt',
  'inline-function-types':
    'a value to compute once holds an inline function whose parameters TypeScript types from the call; moved out of the call, it would no longer type-check',
  'helper-outside-package':
    "the --helper-module path is not in this file's package, and a helper is never imported across package boundaries: give a path inside each package (a relative path is read from each package's root when run from a monorepo's root)",
  arguments:
    'the statements read `arguments`, and this file is ECMAScript 5: the function the retry needs around them (no arrow functions there) would have arguments of its own',
  'narrowed-value':
    'a value to compute once reads a property that TypeScript may have narrowed before the call; inside the function that computes it once, the narrowing would be lost',
  'helper-name-taken':
    'the file has a function or binding of its own with the name of a helper the rewrite adds (shouldRetryOnReusedSocket, snapshotForRetry or onFirstAttempt)',
  'shared-line': 'the statements share their lines with other code, as in minified or generated files',
  'unresolved-agent':
    "the request's options or agent come from code this file does not show (a parameter, a value set elsewhere), and the rewrite cannot be proven safe here; unless callers pass `agent: false` or an agent without keepAlive, Node's global agent keeps its socket alive",
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

/** Thrown by a failed check; the planner turns it into a skip with its reason. */
export class Skip extends Error {
  constructor(readonly reason: SkipReason) {
    super(SKIP_REASONS[reason]);
  }
}

export const skip = (reason: SkipReason): never => {
  throw new Skip(reason);
};
