/**
 * How many rows an organization holds of what the API answers as a whole list, not a page at a time:
 * a list is only as long as its bound, so a query is priced on it (limits/cost.ts), and one more past it
 * is refused when it is made. Past these figures, such a list would have to become a connection.
 */
export const MAX_ACTIVE_API_KEYS = 50;

/** Revoked keys stay listed for the record a while: those revoked in the last 30 days, the latest 50. */
export const REVOKED_API_KEYS_LISTED = { days: 30, max: 50 } as const;

/** Every login counts, a deactivated one too: it stays listed, and may be reactivated. */
export const MAX_LOGINS = 200;

/** Every technician counts, an inactive one too: it stays listed (and keeps its jobs), and may be reactivated. */
export const MAX_TECHNICIANS = 200;
