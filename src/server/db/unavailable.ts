// Which database errors mean "the database is not there right now" rather than "this request is
// wrong": the server answers those with 503 and Retry-After, and a connection that saw one is
// thrown away instead of going back to the pool.

/** SQLSTATEs of an unreachable, restarting, overloaded or too slow server (PostgreSQL appendix A). */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
  '53100', // disk_full
  '53200', // out_of_memory
]);

/** Errors of the socket or of node-postgres itself (they carry no SQLSTATE). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const DRIVER_MESSAGES = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout
  /^timeout exceeded when trying to connect/, // the pool waited connectDatabase timeout for a connection
  /^Query read timeout/, // query_timeout: the server did not answer (frozen, network gone)
  /not queryable/, // a client that already saw a connection error
  /^Cannot use a pool after calling end/,
];

function* chain(err: unknown): Generator<{ code?: unknown; message?: unknown }> {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    yield e;
  }
}

/** True when `err` (or what it wraps) says the database cannot serve now; retrying later may work. */
export function isUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    if (typeof e.code === 'string') {
      if (UNAVAILABLE_STATES.has(e.code) || e.code.startsWith('08') || NETWORK_CODES.has(e.code)) return true;
    }
    if (typeof e.message === 'string' && DRIVER_MESSAGES.some((m) => m.test(e.message as string))) return true;
  }
  return false;
}
