/** Methods that RFC 9110 §9.2.2 calls idempotent: sending them twice has the effect of sending them once. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** Headers that make a non-idempotent request safe to send again (the server deduplicates by key). */
export const IDEMPOTENCY_KEY_HEADERS: ReadonlySet<string> = new Set(['idempotency-key', 'x-idempotency-key']);
