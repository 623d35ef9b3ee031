import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { delayAfterFailures, SIGN_IN_LIMITS } from '../../src/domain/sign-in-limits.js';
import { memoryBucket } from '../../src/limits/bucket.js';
import { memoryBuckets, memorySignInLimiter, redisSignInLimiter } from '../../src/limits/buckets.js';
import { memoryFailures, redisFailures } from '../../src/limits/failures.js';
import { THROTTLE } from '../../src/limits/policy.js';
import { serve, TestApi } from '../support/api.js';
import { openTestDatabase } from '../support/database.js';
import { createOrganization, createUser } from '../support/fixtures.js';

const PASSWORD = 'correct horse battery';
const LOGIN = `mutation ($input: LoginInput!) {
  login(input: $input) {
    __typename
    ... on ThrottledError { message retryAfterSeconds }
    ... on MutationLoginSuccess { session { token } }
  }
}`;

type Outcome = { __typename: string; retryAfterSeconds?: number };

describe('sign-in throttling', () => {
  let db: Database;
  let organizationId: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    organizationId = (await createOrganization(db.prisma)).id;
  });
  afterAll(async () => {
    await db.close();
  });

  /** An API behind a proxy on loopback, as in production: the proxy names each client's address. */
  async function apiBehindProxy(signIn = memorySignInLimiter()) {
    const api = await TestApi.start(db, { buckets: memoryBuckets(memoryBucket(THROTTLE), signIn), trustProxy: 'loopback' });
    const origin = await serve(api.app);
    const url = `${origin}/graphql`;
    const login = async (from: string, email: string, password: string): Promise<Outcome> => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ query: LOGIN, variables: { input: { email, password } } }),
      });
      const body = (await response.json()) as { data?: { login: Outcome }; errors?: unknown };
      if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
      return body.data.login;
    };
    return { api, login, origin };
  }

  async function account(): Promise<string> {
    return (await createUser(db.prisma, organizationId, { password: PASSWORD })).email;
  }

  it('lets the owner sign in from their address every time while another address hammers the account', async () => {
    const { api, login } = await apiBehindProxy();
    const email = await account();
    const attacker: Outcome[] = [];
    const owner: Outcome[] = [];
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 4; i++) attacker.push(await login('203.0.113.66', email, `guess-${round}-${i}`));
      owner.push(await login('198.51.100.20', email, PASSWORD));
    }
    await api.close();
    expect(owner.map((o) => o.__typename)).toEqual(Array(10).fill('MutationLoginSuccess'));
    // Five guesses, then the address is held back for growing delays: of 40 tries, only a few were checked.
    const checked = attacker.filter((o) => o.__typename === 'ValidationError').length;
    expect(checked).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.perAccountAndAddress.freeFailures);
    expect(checked).toBeLessThan(SIGN_IN_LIMITS.perAccountAndAddress.freeFailures + 4);
    const last = attacker.at(-1)!;
    expect(last.__typename).toBe('ThrottledError');
    expect(last.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('refuses the right password too from the address that is guessing (until its delay is over)', async () => {
    const { api, login } = await apiBehindProxy();
    const email = await account();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress.freeFailures; i++) await login('203.0.113.67', email, `guess-${i}`);
    expect((await login('203.0.113.67', email, PASSWORD)).__typename).toBe('ThrottledError');
    expect((await login('198.51.100.21', email, PASSWORD)).__typename).toBe('MutationLoginSuccess');
    await api.close();
  });

  it('checks no more than the free guesses of a concurrent burst from one address', async () => {
    const { api, login } = await apiBehindProxy();
    const email = await account();
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => login('203.0.113.68', email, `guess-${i}`)));
    await api.close();
    const types = burst.map((o) => o.__typename);
    expect(types.filter((t) => t === 'ValidationError')).toHaveLength(SIGN_IN_LIMITS.perAccountAndAddress.freeFailures);
    expect(types.filter((t) => t === 'ThrottledError')).toHaveLength(20 - SIGN_IN_LIMITS.perAccountAndAddress.freeFailures);
  });

  it('holds back one address trying many accounts', async () => {
    const { api, login } = await apiBehindProxy();
    const outcomes = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddress.freeFailures; i++) outcomes.push(await login('203.0.113.69', `nobody-${i}-${randomUUID()}@test.example`, 'guess'));
    await api.close();
    expect(outcomes.slice(0, -1).every((o) => o.__typename === 'ValidationError')).toBe(true);
    expect(outcomes.at(-1)!.__typename).toBe('ThrottledError');
  });

  it('slows a guess spread over many addresses at the account ceiling, but not the owner from an address they signed in from', async () => {
    const { api, login } = await apiBehindProxy();
    const email = await account();
    expect((await login('198.51.100.22', email, PASSWORD)).__typename).toBe('MutationLoginSuccess');
    const spread = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.freeFailures + 5; i++) spread.push(await login(`192.0.2.${i + 1}`, email, `guess-${i}`));
    expect(spread.filter((o) => o.__typename === 'ValidationError').length).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccount.freeFailures + 1);
    expect(spread.at(-1)!.__typename).toBe('ThrottledError');
    // A new address is held back with the guessers; the owner's own address is not.
    expect((await login('192.0.2.200', email, PASSWORD)).__typename).toBe('ThrottledError');
    expect((await login('198.51.100.22', email, PASSWORD)).__typename).toBe('MutationLoginSuccess');
    await api.close();
  });

  it('never throttles a user who signs in again and again with the right password', async () => {
    const { api, login } = await apiBehindProxy();
    const email = await account();
    for (let i = 0; i < 15; i++) expect((await login('198.51.100.23', email, PASSWORD)).__typename).toBe('MutationLoginSuccess');
    await api.close();
  });

  it('counts sign-ins over a WebSocket by the address of its upgrade request', async () => {
    const { api, login, origin } = await apiBehindProxy();
    const email = await account();
    const token = await api.signIn(organizationId, 'DISPATCHER');
    // What our proxy in front would add to the upgrade request.
    class ProxiedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { 'x-forwarded-for': '203.0.113.71' } });
      }
    }
    const client = createClient({ url: `${origin.replace(/^http/, 'ws')}/graphql`, webSocketImpl: ProxiedWebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const overSocket: string[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perAccountAndAddress.freeFailures; i++) {
      const result = await client.iterate<{ login: Outcome }>({ query: LOGIN, variables: { input: { email, password: `guess-${i}` } } }).next();
      overSocket.push(result.value.data.login.__typename);
    }
    await client.dispose();
    expect(overSocket.at(-1)).toBe('ThrottledError');
    expect(overSocket.slice(0, -1).every((t) => t === 'ValidationError')).toBe(true);
    // The same address over HTTP is held back with it; another is not.
    expect((await login('203.0.113.71', email, PASSWORD)).__typename).toBe('ThrottledError');
    expect((await login('198.51.100.25', email, PASSWORD)).__typename).toBe('MutationLoginSuccess');
    await api.close();
  });

  it('shares the counters between API instances through Redis', async () => {
    const prefix = `test-sign-in:${randomUUID()}`;
    const [redisA, redisB] = [new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')];
    const first = await apiBehindProxy(redisSignInLimiter(redisA, prefix));
    const second = await apiBehindProxy(redisSignInLimiter(redisB, prefix));
    const email = await account();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndAddress.freeFailures; i++) {
      expect((await (i % 2 ? first : second).login('203.0.113.70', email, `guess-${i}`)).__typename).toBe('ValidationError');
    }
    expect((await first.login('203.0.113.70', email, 'guess')).__typename).toBe('ThrottledError');
    expect((await second.login('203.0.113.70', email, 'guess')).__typename).toBe('ThrottledError');
    expect((await second.login('198.51.100.24', email, PASSWORD)).__typename).toBe('MutationLoginSuccess');
    // Every key the counters wrote expires.
    const keys = await redisA.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const key of keys) expect(await redisA.pttl(key)).toBeGreaterThan(0);
    await Promise.all([first.api.close(), second.api.close()]);
    await Promise.all([redisA.quit(), redisB.quit()]);
  });
});

describe('a failure counter', () => {
  const policy = { freeFailures: 3, firstDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 };

  it('doubles the delay after each failure past the free ones, up to its maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 40].map((n) => delayAfterFailures(n, policy))).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('holds a key back for the delay, lets one attempt through after it, then waits longer', async () => {
    let now = 1_000_000;
    const counter = memoryFailures(policy, () => now);
    for (let i = 0; i < 3; i++) expect(await counter.reserve('k')).toEqual({ allowed: true });
    expect(await counter.reserve('k')).toEqual({ allowed: false, retryAfterMs: 1_000 });
    now += 1_000;
    expect(await counter.reserve('k')).toEqual({ allowed: true });
    expect(await counter.reserve('k')).toEqual({ allowed: false, retryAfterMs: 2_000 });
    await counter.release('k'); // that attempt turned out right: it does not count
    expect(await counter.reserve('k')).toEqual({ allowed: false, retryAfterMs: 1_000 });
    await counter.clear('k');
    expect(await counter.reserve('k')).toEqual({ allowed: true });
  });

  it('does the same in Redis, with a key that expires after forgetAfterMs', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const prefix = `test-failures:${randomUUID()}`;
    const counter = redisFailures(redis, prefix, policy);
    for (let i = 0; i < 3; i++) expect(await counter.reserve('k')).toEqual({ allowed: true });
    const held = await counter.reserve('k');
    expect(held.allowed).toBe(false);
    expect(held.allowed === false && held.retryAfterMs).toBeGreaterThan(0);
    expect(held.allowed === false && held.retryAfterMs).toBeLessThanOrEqual(1_000);
    const ttl = await redis.pttl(`${prefix}:k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(policy.forgetAfterMs);
    await counter.release('k');
    await counter.release('k');
    expect(await counter.reserve('k')).toEqual({ allowed: true }); // two given back: one free guess again
    await counter.clear('k');
    expect(await redis.exists(`${prefix}:k`)).toBe(0);
    await redis.quit();
  });
});
