import type { WorkOrderSnapshot } from './work-order.js';

/** What an endpoint may subscribe to; the same names as the GraphQL enum and the database's. */
export const WEBHOOK_EVENT_TYPES = [
  'WORK_ORDER_CREATED',
  'WORK_ORDER_UPDATED',
  'WORK_ORDER_RESCHEDULED',
  'WORK_ORDER_REASSIGNED',
  'WORK_ORDER_STATUS_CHANGED',
  'WORK_ORDER_CANCELED',
  'WORK_ORDER_COMPLETED',
  'INVOICE_CREATED',
  'CUSTOMER_CREATED',
  'CUSTOMER_UPDATED',
  'VEHICLE_CREATED',
  'VEHICLE_UPDATED',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent by "send a test event" only. */
export type DeliveredEventType = WebhookEventType | 'TEST';

/** The `type` of a delivery's body, as receivers see it: `work_order.status_changed`, `invoice.created`. */
export function wireName(type: DeliveredEventType): string {
  if (type === 'TEST') return 'webhook.test';
  const [, subject, action] = /^(WORK_ORDER|INVOICE|CUSTOMER|VEHICLE)_(.+)$/.exec(type)!;
  return `${subject!.toLowerCase()}.${action!.toLowerCase()}`;
}

/**
 * The URL an endpoint is kept and compared under, so that spellings of one URL are one endpoint: WHATWG's
 * serialization (scheme and host lowercased, the default port dropped, the path escaped as it is sent),
 * without a host's final dot or a fragment, neither of which changes where a POST goes. For a URL that
 * urlProblem accepts.
 */
export function endpointUrl(value: string): string {
  const url = new URL(value);
  url.hostname = url.hostname.replace(/\.$/, '');
  url.hash = '';
  return url.href;
}

type LogEventType = 'CREATED' | 'RESCHEDULED' | 'REASSIGNED' | 'EDITED' | 'STATUS_CHANGED';

/**
 * The webhook events one logged work order change is: a status change to COMPLETED is also a completion
 * and the invoice it issued, one to CANCELED also a cancellation.
 */
export function webhookEventsOf(type: LogEventType, after: Pick<WorkOrderSnapshot, 'status'>): WebhookEventType[] {
  switch (type) {
    case 'CREATED':
      return ['WORK_ORDER_CREATED'];
    case 'EDITED':
      return ['WORK_ORDER_UPDATED'];
    case 'RESCHEDULED':
      return ['WORK_ORDER_RESCHEDULED'];
    case 'REASSIGNED':
      return ['WORK_ORDER_REASSIGNED'];
    case 'STATUS_CHANGED':
      if (after.status === 'COMPLETED') return ['WORK_ORDER_STATUS_CHANGED', 'WORK_ORDER_COMPLETED', 'INVOICE_CREATED'];
      if (after.status === 'CANCELED') return ['WORK_ORDER_STATUS_CHANGED', 'WORK_ORDER_CANCELED'];
      return ['WORK_ORDER_STATUS_CHANGED'];
  }
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The waits after the 1st, 2nd, … failed attempt; after these, every 10 to 14 hours. */
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR] as const;
const LATER_RETRY_MS = { min: 10 * HOUR, max: 14 * HOUR };
/** A delivery is retried until its next attempt would start later than this after the schedule began. */
export const RETRY_PERIOD_MS = 72 * HOUR;
/** Each fixed wait is moved by up to this share either way, so that receivers coming back are not hit at once. */
const JITTER = 0.1;

/**
 * When to try again after `failedAttempts` failures of a schedule that began at `startedAt`, or null
 * when the schedule is over. `retryAfterMs` (a 429 or 503's Retry-After) replaces the schedule's wait
 * for this one retry. `random` is in [0, 1).
 */
export function nextAttemptAt(
  failedAttempts: number,
  startedAt: Date,
  now: Date,
  random: number,
  retryAfterMs: number | null = null,
): Date | null {
  const fixed = RETRY_DELAYS_MS[failedAttempts - 1];
  const scheduled =
    fixed !== undefined
      ? fixed * (1 - JITTER + 2 * JITTER * random)
      : LATER_RETRY_MS.min + (LATER_RETRY_MS.max - LATER_RETRY_MS.min) * random;
  const at = new Date(now.getTime() + (retryAfterMs ?? scheduled));
  return at.getTime() - startedAt.getTime() > RETRY_PERIOD_MS ? null : at;
}

/** The longest Retry-After honoured; a longer one waits this long. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

/** RFC 9110's IMF-fixdate, the one date form senders must use: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A Retry-After header (seconds or an HTTP date) as a wait in milliseconds, or null when absent or not one. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const value = header.trim();
  const wait = /^\d+$/.test(value) ? Number(value) * SECOND : HTTP_DATE.test(value) ? Date.parse(value) - now.getTime() : NaN;
  if (!Number.isFinite(wait)) return null;
  return Math.min(Math.max(wait, 0), MAX_RETRY_AFTER_MS);
}

/** What an attempt's answer means for the delivery and its endpoint. */
export type AttemptOutcome = 'succeeded' | 'retry' | 'gone';

export function outcomeOf(statusCode: number | null): AttemptOutcome {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return 'succeeded';
  return statusCode === 410 ? 'gone' : 'retry';
}

/** Statuses whose Retry-After is honoured. */
export const RETRY_AFTER_STATUSES: readonly number[] = [429, 503];

/** How long the secret before a rotation is still signed with. */
export const SECRET_GRACE_MS = 24 * HOUR;

export const MAX_URL_LENGTH = 2_000;

/** The most endpoints one organization has, its keys' included: each event is one delivery per endpoint. */
export const MAX_ENDPOINTS = 50;

/**
 * Why a URL cannot be an endpoint, or null when it can: http(s) only, no credentials in it. Where it
 * points is checked on every connection (the address may change after this), not here.
 */
export function urlProblem(value: string): string | null {
  if (value.length > MAX_URL_LENGTH) return `At most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http or https URL';
  if (url.username || url.password) return 'Leave credentials out of the URL';
  const host = url.hostname.replace(/\.$/, '');
  if (!host.startsWith('[') && (host.length > 253 || host.split('.').some((label) => label.length === 0 || label.length > 63))) {
    return 'Not a host name that can exist';
  }
  return null;
}
