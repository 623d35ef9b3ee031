import ipaddr from 'ipaddr.js';
import { tooLong } from './characters.js';
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
 * Cloud metadata services (AWS, GCP and Azure at 169.254.169.254, AWS ECS task credentials, Alibaba,
 * Oracle Cloud, AWS's IPv6 one): never reached, whatever the settings say, in any spelling.
 */
export const METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254'] as const;
const METADATA = new Set(METADATA_ADDRESSES.map((address) => ipaddr.parse(address).toNormalizedString()));

/**
 * The IPv4 address an IPv6 one carries, which the host, a NAT64 gateway or a 6to4 relay may deliver to:
 * IPv4-compatible (::/96, but :: and ::1, which are themselves), IPv4-mapped (::ffff:0:0/96), IPv4-translated
 * (::ffff:0:0:0/96), NAT64's well-known prefix (64:ff9b::/96) and its local-use one (64:ff9b:1::/48, as its
 * /96 gateways write it) in the last 32 bits, 6to4 (2002::/16) in the 32 after the prefix.
 */
function carriedIpv4({ parts }: ipaddr.IPv6): ipaddr.IPv4 | null {
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const zero = (from: number, to: number) => parts.slice(from, to).every((part) => part === 0);
  if (zero(0, 6) && (parts[6] !== 0 || parts[7]! > 1)) return v4(parts[6]!, parts[7]!);
  const mapped = zero(0, 5) && parts[5] === 0xffff;
  const translated = zero(0, 4) && parts[4] === 0xffff && parts[5] === 0;
  const nat64 = parts[0] === 0x64 && parts[1] === 0xff9b && (zero(2, 6) || (parts[2] === 1 && zero(3, 6)));
  if (mapped || translated || nat64) return v4(parts[6]!, parts[7]!);
  if (parts[0] === 0x2002) return v4(parts[1]!, parts[2]!);
  return null;
}

/** What a delivery to this address may reach: the address, and the IPv4 one it carries, if any. */
function reachedBy(address: string): (ipaddr.IPv4 | ipaddr.IPv6)[] {
  const parsed = ipaddr.parse(address);
  const carried = parsed.kind() === 'ipv6' ? carriedIpv4(parsed as ipaddr.IPv6) : null;
  return carried ? [parsed, carried] : [parsed];
}

/** An IP address (as DNS answers it, or a URL's host without its brackets) of a cloud metadata service, or carrying one. */
export function isMetadataAddress(address: string): boolean {
  return ipaddr.isValid(address) && reachedBy(address).some((each) => METADATA.has(each.toNormalizedString()));
}

/**
 * Whether a delivery may connect to this address: only public unicast ones (ipaddr.js's `unicast` range,
 * the version and rule request-filtering-agent applies to every connection), or with
 * `allowPrivateAddresses` (development and tests) any but the unspecified and the metadata addresses. An
 * IPv6 address that carries an IPv4 one (`[::7f00:1]`, `[64:ff9b::a9fe:a9fe]`) is held to it for the IPv4
 * address too, which ipaddr.js ranges alone would call public.
 */
export function isReachableAddress(address: string, allowPrivateAddresses: boolean): boolean {
  if (isMetadataAddress(address)) return false;
  return reachedBy(address).every((each) => {
    const range = each.range();
    return range === 'unicast' || (allowPrivateAddresses && range !== 'unspecified');
  });
}

/**
 * Why a URL cannot be an endpoint, or null when it can: http(s) only, no credentials in it, and no host
 * that deliveries would never reach as it is written: a literal address, in any spelling a URL reads as
 * one (2130706433, 0x7f.1, [::ffff:10.0.0.1]), that `isReachableAddress` refuses, or localhost and its
 * subdomains unless private addresses are allowed. A host name is checked on every connection instead,
 * after DNS, since the address it points to may change after this.
 */
export function urlProblem(value: string, allowPrivateAddresses: boolean): string | null {
  const long = tooLong(value, MAX_URL_LENGTH);
  if (long) return long;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http or https URL';
  if (url.username || url.password) return 'Leave credentials out of the URL';
  const host = url.hostname.replace(/\.$/, '');
  if (host.startsWith('[')) return addressProblem(host.slice(1, -1), allowPrivateAddresses);
  if (host.length > 253 || host.split('.').some((label) => label.length === 0 || label.length > 63)) return 'Not a host name that can exist';
  // A URL writes every IPv4 address as four decimal parts, however it was given.
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) return addressProblem(host, allowPrivateAddresses);
  if ((host === 'localhost' || host.endsWith('.localhost')) && !allowPrivateAddresses) return `${host} is this machine: deliveries never go there`;
  return null;
}

function addressProblem(address: string, allowPrivateAddresses: boolean): string | null {
  if (isReachableAddress(address, allowPrivateAddresses)) return null;
  return isMetadataAddress(address) ? `${address} is a cloud metadata address: deliveries never go there` : `${address} is not a public address: deliveries never go there`;
}
