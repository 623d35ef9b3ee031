/**
 * How long finished records are kept. An idempotency key answers a retry of its request for at least
 * a day (Stripe keeps its keys 24 hours), then the hourly clean-up deletes it and the key may be used
 * again. A session that expired or was signed out is worth nothing, and goes at the next clean-up.
 */
export const IDEMPOTENCY_KEY_KEPT_MS = 24 * 3_600_000;
