import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { clientAddress, trustProxyFrom } from '../../src/auth/client-address.js';
import { MAX_BUCKETS_IN_PROCESS, memoryBucket, refillMs } from '../../src/limits/bucket.js';
import { createBuckets, memoryBuckets } from '../../src/limits/buckets.js';
import { THROTTLE } from '../../src/limits/policy.js';
import { serve, TestApi } from '../support/api.js';
import { openTestDatabase } from '../support/database.js';

// Costs 1 point even for an anonymous caller (an object field; introspection is free), so a flood of it drains a bucket.
const ANONYMOUS_QUERY = JSON.stringify({ query: '{ viewer { name } }' });
const FLOOD = 20_000;

/** Sends `count` anonymous requests, `concurrency` at a time, each with a made-up X-Forwarded-For. */
async function flood(url: string, count: number, concurrency = 16): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      const n = sent++;
      const forwarded = `${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}.${n % 7}, ${randomUUID()}`;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded }, body: ANONYMOUS_QUERY });
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      const outcome = body.errors?.[0]?.extensions?.code ?? 'OK';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

// A full collection before each reading, so that the difference is what the flood left behind.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapUsed = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

describe('anonymous floods', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('keys the anonymous bucket by the socket: made-up X-Forwarded-For headers neither reset it nor grow the store', async () => {
    const cost = memoryBucket({ maximumAvailable: 50, restoreRatePerSecond: 0.001 });
    const api = await TestApi.start(db, { buckets: memoryBuckets(cost), trustProxy: '' });
    const url = `${await serve(api.app)}/graphql`;
    await flood(url, 200); // warm up: compiled code, sockets, caches
    const before = heapUsed();
    const outcomes = await flood(url, FLOOD);
    const grown = heapUsed() - before;
    await api.close();

    // The 50 points went in the warm-up; every request of the flood, whatever its header, was refused.
    expect(outcomes.get('THROTTLED')).toBe(FLOOD);
    expect(cost.size()).toBe(1);
    // 20,000 unique headers once grew the process by 350 MiB; now nothing is kept per header.
    expect(grown).toBeLessThan(32 * 1024 * 1024);
  }, 600_000);

  it('keeps at most MAX_BUCKETS_IN_PROCESS buckets however many callers there are, and each still throttles', async () => {
    const bucket = memoryBucket({ maximumAvailable: 2, restoreRatePerSecond: 0.001 });
    for (let i = 0; i < MAX_BUCKETS_IN_PROCESS + 10_000; i++) await bucket.take(`anonymous:${i}`, 1);
    expect(bucket.size()).toBe(MAX_BUCKETS_IN_PROCESS);
    const last = `anonymous:${MAX_BUCKETS_IN_PROCESS + 9_999}`;
    expect((await bucket.take(last, 1)).allowed).toBe(true);
    expect((await bucket.take(last, 1)).allowed).toBe(false);
  });

  it('lets Redis expire every anonymous bucket, and a flood with made-up headers writes one key', async () => {
    const prefix = `test-flood:${randomUUID()}`;
    const api = await TestApi.start(db, { buckets: createBuckets(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix), trustProxy: '' });
    const url = `${await serve(api.app)}/graphql`;
    const outcomes = await flood(url, 2_000);
    await api.close();
    expect(outcomes.get('OK')).toBe(2_000); // within the real bucket of 10,000 points

    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys).toEqual([`${prefix}:cost:anonymous:127.0.0.1`]);
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(refillMs(THROTTLE) + 1_000);
    await redis.quit();
  }, 120_000);

  it('believes X-Forwarded-For only from a trusted proxy, and then only its right-most untrusted entry', async () => {
    const cost = memoryBucket({ maximumAvailable: 3, restoreRatePerSecond: 0.001 });
    const api = await TestApi.start(db, { buckets: memoryBuckets(cost), trustProxy: 'loopback' });
    const url = `${await serve(api.app)}/graphql`;
    const ask = async (forwarded: string) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded }, body: ANONYMOUS_QUERY });
      return ((await response.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? 'OK';
    };
    const fromClient = [];
    // The client writes what it likes on the left; our proxy appends the address it saw.
    for (let i = 0; i < 5; i++) fromClient.push(await ask(`10.9.9.${i}, 198.51.100.7`));
    expect(fromClient).toEqual(['OK', 'OK', 'OK', 'THROTTLED', 'THROTTLED']);
    expect(await ask('198.51.100.8')).toBe('OK'); // another client behind the proxy has a bucket of its own
    await api.close();
  });
});

describe('the client address', () => {
  const request = (remoteAddress: string, forwarded?: string) =>
    ({ socket: { remoteAddress }, connection: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;

  it('is the socket peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress(request('203.0.113.5', '1.2.3.4'), trustProxyFrom(undefined))).toBe('203.0.113.5');
    expect(clientAddress(request('::ffff:203.0.113.5'), trustProxyFrom(''))).toBe('203.0.113.5');
  });

  it('is the right-most entry not in the trusted list, or past the trusted number of hops', () => {
    const header = '6.6.6.6, 203.0.113.9, 10.0.0.2';
    expect(clientAddress(request('10.0.0.1', header), trustProxyFrom('10.0.0.0/8'))).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.1', header), trustProxyFrom('2'))).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.1', header), trustProxyFrom('1'))).toBe('10.0.0.2');
    expect(clientAddress(request('192.0.2.1', header), trustProxyFrom('10.0.0.0/8'))).toBe('192.0.2.1'); // not through our proxy
  });

  it('stands for an IPv6 client by its /64, so one subscriber cannot rotate through its addresses', () => {
    const trustNone = trustProxyFrom(undefined);
    expect(clientAddress(request('2001:db8:1:2:aaaa::1'), trustNone)).toBe('2001:db8:1:2::/64');
    expect(clientAddress(request('2001:db8:1:2:bbbb::9'), trustNone)).toBe('2001:db8:1:2::/64');
  });

  it('refuses a TRUST_PROXY value it cannot read at start-up', () => {
    expect(() => trustProxyFrom('not-an-address')).toThrow();
  });
});
