import pRetry from 'p-retry';

/**
 * Is this error the database being unreachable (down, restarting, pool exhausted) rather than a
 * fault of the request? Such requests are answered with a retryable error, not a masked 500.
 */
const UNAVAILABLE_CODES = new Set([
  'DATABASE_UNAVAILABLE', // domain DatabaseUnavailableError, as runCommand raises it
  'P1001', 'P1002', 'P1008', 'P1017', 'P2024', // Prisma: unreachable, timed out, closed, pool timeout
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', // PostgreSQL: shutting down, cannot connect, connection lost
]);
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist']);
// "Unable to start a transaction in the given time" is Prisma's P2028 when every connection of the pool
// stays busy for the transaction's maxWait; P2028's other case, a transaction past its timeout, is not.
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|ECONNREFUSED|the database system is (starting up|shutting down)|terminating connection|Unable to start a transaction in the given time/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 6) return false;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.kind === 'string' && UNAVAILABLE_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  return [e.cause, e.originalError, e.meta?.driverAdapterError].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/**
 * Runs `work`, and while the database is unavailable runs it again (with backoff) for up to
 * `withinMs`. Used where failing would hand a client a hole it cannot tell from the truth: an event
 * delivered to a subscriber without its work order. Any other error is thrown at once.
 */
export function retryWhileUnavailable<T>(work: () => Promise<T>, options: { withinMs?: number; signal?: AbortSignal } = {}): Promise<T> {
  return pRetry(work, {
    retries: Number.POSITIVE_INFINITY,
    maxRetryTime: options.withinMs ?? 60_000,
    signal: options.signal,
    minTimeout: 200,
    maxTimeout: 2_000,
    shouldRetry: ({ error }) => isDatabaseUnavailable(error),
  });
}
