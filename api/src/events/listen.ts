/** Subscribes to a PostgreSQL notification channel; resolves to a function that stops listening. */
export type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

export const EVENTS_CHANNEL = 'work_order_events';
export const ACCESS_REVOKED_CHANNEL = 'access_revoked';
