import { describe, expect, it } from 'vitest';
import { isReachableAddress, nextAttemptAt, outcomeOf, retryAfterMs, RETRY_PERIOD_MS, urlProblem, WEBHOOK_EVENT_TYPES, webhookEventsOf, wireName } from '../../src/domain/webhooks.js';

const HOUR = 3_600_000;
const start = new Date('2027-01-04T00:00:00Z');

/** Runs the whole schedule from a start, every attempt failing at once, with this randomness. */
function schedule(random: number): number[] {
  const waits: number[] = [];
  let now = start;
  for (let failures = 1; ; failures++) {
    const next = nextAttemptAt(failures, start, now, random);
    if (!next) return waits;
    waits.push(next.getTime() - now.getTime());
    now = next;
  }
}

describe('the retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then 10 to 14 h, each fixed wait within 10% either way', () => {
    const middle = schedule(0.5);
    expect(middle.slice(0, 6)).toEqual([5_000, 300_000, 1_800_000, 2 * HOUR, 5 * HOUR, 10 * HOUR]);
    expect(middle.slice(6).every((wait) => wait === 12 * HOUR)).toBe(true);
    const low = schedule(0);
    expect(low.slice(0, 6)).toEqual([4_500, 270_000, 1_620_000, 1.8 * HOUR, 4.5 * HOUR, 9 * HOUR]);
    expect(low.slice(6).every((wait) => wait === 10 * HOUR)).toBe(true);
    expect(schedule(0.999999).slice(6).every((wait) => wait > 13.99 * HOUR && wait < 14 * HOUR)).toBe(true);
  });

  it('ends after about three days, never scheduling an attempt later than that', () => {
    for (const random of [0, 0.5, 0.999999]) {
      const total = schedule(random).reduce((sum, wait) => sum + wait, 0);
      expect(total).toBeLessThanOrEqual(RETRY_PERIOD_MS);
      expect(total).toBeGreaterThan(RETRY_PERIOD_MS - 14 * HOUR);
    }
    expect(schedule(0.5)).toHaveLength(10);
  });

  it('takes a Retry-After in place of the scheduled wait, but not past the three days', () => {
    expect(nextAttemptAt(1, start, start, 0.5, 120_000)!.getTime() - start.getTime()).toBe(120_000);
    const late = new Date(start.getTime() + RETRY_PERIOD_MS - HOUR);
    expect(nextAttemptAt(3, start, late, 0.5, 2 * HOUR)).toBeNull();
  });

  it('reads Retry-After as seconds or an HTTP date, capped at a day, and ignores anything else', () => {
    const now = new Date('2027-01-04T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 04 Jan 2027 00:10:00 GMT', now)).toBe(600_000);
    expect(retryAfterMs('Sun, 03 Jan 2027 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('99999999', now)).toBe(24 * HOUR);
    for (const bad of [null, '', 'soon', '-5', '1.5']) expect(retryAfterMs(bad, now), String(bad)).toBeNull();
  });
});

describe('what an answer means', () => {
  it('is success for any 2xx, the end of the endpoint for 410, and a retry for everything else', () => {
    expect([200, 201, 204, 299].map(outcomeOf)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(outcomeOf(410)).toBe('gone');
    expect([null, 199, 300, 302, 400, 404, 429, 500, 503].map(outcomeOf).every((o) => o === 'retry')).toBe(true);
  });
});

describe('event types', () => {
  it('are the names integrators subscribe to (the GraphQL enum) and receive (the body\'s type), spelled as published', () => {
    // The public contract, written out: renaming or dropping one here breaks every integration that uses it.
    expect(Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, wireName(type)]))).toEqual({
      WORK_ORDER_CREATED: 'work_order.created',
      WORK_ORDER_UPDATED: 'work_order.updated',
      WORK_ORDER_RESCHEDULED: 'work_order.rescheduled',
      WORK_ORDER_REASSIGNED: 'work_order.reassigned',
      WORK_ORDER_STATUS_CHANGED: 'work_order.status_changed',
      WORK_ORDER_CANCELED: 'work_order.canceled',
      WORK_ORDER_COMPLETED: 'work_order.completed',
      INVOICE_CREATED: 'invoice.created',
      CUSTOMER_CREATED: 'customer.created',
      CUSTOMER_UPDATED: 'customer.updated',
      VEHICLE_CREATED: 'vehicle.created',
      VEHICLE_UPDATED: 'vehicle.updated',
    });
  });

  it('turns a completion into a status change, a completion and an invoice, a cancellation into two', () => {
    expect(webhookEventsOf('STATUS_CHANGED', { status: 'COMPLETED' })).toEqual(['WORK_ORDER_STATUS_CHANGED', 'WORK_ORDER_COMPLETED', 'INVOICE_CREATED']);
    expect(webhookEventsOf('STATUS_CHANGED', { status: 'CANCELED' })).toEqual(['WORK_ORDER_STATUS_CHANGED', 'WORK_ORDER_CANCELED']);
    expect(webhookEventsOf('STATUS_CHANGED', { status: 'EN_ROUTE' })).toEqual(['WORK_ORDER_STATUS_CHANGED']);
    expect(webhookEventsOf('EDITED', { status: 'SCHEDULED' })).toEqual(['WORK_ORDER_UPDATED']);
  });

  it('names them on the wire as subject.action', () => {
    expect(wireName('WORK_ORDER_STATUS_CHANGED')).toBe('work_order.status_changed');
    expect(wireName('INVOICE_CREATED')).toBe('invoice.created');
    expect(wireName('TEST')).toBe('webhook.test');
  });
});

describe('endpoint URLs', () => {
  it('takes http and https URLs without credentials, up to 2,000 characters', () => {
    expect(urlProblem('https://hooks.example.com/dispatch', false)).toBeNull();
    expect(urlProblem('http://hooks.example.com:8080/x?y=1', false)).toBeNull();
    expect(urlProblem('ftp://example.com', false)).toBe('Use an http or https URL');
    expect(urlProblem('javascript:alert(1)', false)).toBe('Use an http or https URL');
    expect(urlProblem('https://a:b@example.com', false)).toBe('Leave credentials out of the URL');
    expect(urlProblem('example.com', false)).toBe('Not a URL');
    expect(urlProblem(`https://example.com/${'x'.repeat(2_000)}`, false)).toMatch(/At most/);
  });

  // Each as a URL reads it: a number, octal or hex parts, a short form, IPv4-mapped IPv6.
  const LOOPBACK = ['127.0.0.1', '2130706433', '0177.0.0.1', '0x7f.0.0.1', '0x7f000001', '127.1', '127.0.0.1.', '[::1]', '[::ffff:127.0.0.1]', '[0:0:0:0:0:ffff:7f00:1]'];
  const PRIVATE = ['10.0.0.1', '172.16.0.1', '192.168.1.1', '[::ffff:10.0.0.1]', '169.254.10.1', '[fe80::1]', '[fd00::1]', '100.64.0.1', '192.0.2.1', '224.0.0.1', '255.255.255.255'];
  const UNSPECIFIED = ['0.0.0.0', '0', '[::]'];
  const METADATA = ['169.254.169.254', '2852039166', '0251.0376.0251.0376', '[::ffff:169.254.169.254]', '[::ffff:a9fe:a9fe]', '100.100.100.200', '[fd00:ec2::254]'];

  it('refuses a literal address that is not public unicast, in every spelling, and localhost names, naming what the URL reads', () => {
    for (const host of [...LOOPBACK, ...PRIVATE, ...UNSPECIFIED]) expect(urlProblem(`http://${host}:8080/hooks`, false), host).toMatch(/ is not a public address: deliveries never go there$/);
    expect(urlProblem('http://2130706433/', false)).toBe('127.0.0.1 is not a public address: deliveries never go there');
    expect(urlProblem('http://[::ffff:10.0.0.1]/', false)).toBe('::ffff:a00:1 is not a public address: deliveries never go there');
    for (const host of METADATA) expect(urlProblem(`http://${host}/latest/meta-data/`, false), host).toMatch(/ is a cloud metadata address: deliveries never go there$/);
    for (const host of ['localhost', 'LOCALHOST.', 'hooks.localhost', 'a.b.localhost.']) expect(urlProblem(`http://${host}:3000/`, false), host).toMatch(/localhost is this machine: deliveries never go there$/);
  });

  it('takes public addresses and names; a name pointing anywhere is checked on each delivery instead', () => {
    for (const url of ['http://93.184.215.14/hooks', 'https://[2606:4700:4700::1111]/hooks', 'https://127.0.0.1.nip.io/', 'https://localhost.example.com/', 'https://0x7f.example.com/']) {
      expect(urlProblem(url, false), url).toBeNull();
    }
  });

  it('takes loopback and private addresses where they are allowed (development), never the unspecified or metadata ones', () => {
    for (const host of [...LOOPBACK, ...PRIVATE, 'localhost', 'hooks.localhost']) expect(urlProblem(`http://${host}:8080/`, true), host).toBeNull();
    for (const host of [...UNSPECIFIED, ...METADATA]) expect(urlProblem(`http://${host}/`, true), host).not.toBeNull();
  });

  it('holds deliveries to the same rule, for DNS answers as for literals', () => {
    expect(isReachableAddress('93.184.215.14', false)).toBe(true);
    expect(isReachableAddress('2606:4700:4700::1111', false)).toBe(true);
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '::ffff:93.184.215.14', '10.1.2.3', 'fe80::1', '0.0.0.0', '::']) {
      expect(isReachableAddress(address, false), address).toBe(false);
    }
    expect(isReachableAddress('::ffff:127.0.0.1', true)).toBe(true);
    for (const address of ['169.254.169.254', '::ffff:169.254.169.254', 'fd00:ec2::254', '0.0.0.0', '::']) expect(isReachableAddress(address, true), address).toBe(false);
  });
});
