/** Subscribes to a PostgreSQL notification channel; resolves to a function that stops listening. */
export type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
