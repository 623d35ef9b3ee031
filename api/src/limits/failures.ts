import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { delayAfterFailures, type FailurePolicy } from '../domain/sign-in-limits.js';

/** How many keys one process keeps per counter; past it the least recently used is dropped. */
const MAX_KEYS_IN_PROCESS = 100_000;

export type Reservation = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Failed attempts per key, held back as the policy says. An attempt is counted as failed before it is
 * checked (`reserve`), so concurrent attempts cannot all slip through before the first failure lands;
 * one that turns out right is given back (`release`).
 */
export interface FailureCounter {
  readonly policy: FailurePolicy;
  reserve(key: string): Promise<Reservation>;
  release(key: string): Promise<void>;
  /** Forgets the key's failures. */
  clear(key: string): Promise<void>;
}

/** Keys remembered for a while (the addresses an account was signed in from). */
export interface RememberedKeys {
  has(key: string): Promise<boolean>;
  add(key: string): Promise<void>;
}

export function memoryFailures(policy: FailurePolicy, now = () => Date.now()): FailureCounter & { size(): number } {
  const counts = new LRUCache<string, { failures: number; at: number }>({ max: MAX_KEYS_IN_PROCESS, ttl: policy.forgetAfterMs });
  return {
    policy,
    size: () => counts.size,
    async reserve(key) {
      const { failures, at } = counts.get(key) ?? { failures: 0, at: 0 };
      const heldUntil = at + delayAfterFailures(failures, policy);
      if (now() < heldUntil) return { allowed: false, retryAfterMs: heldUntil - now() };
      counts.set(key, { failures: failures + 1, at: now() });
      return { allowed: true };
    },
    async release(key) {
      const count = counts.get(key);
      if (count && count.failures > 1) counts.set(key, { ...count, failures: count.failures - 1 });
      else counts.delete(key);
    },
    async clear(key) {
      counts.delete(key);
    },
  };
}

export function memoryRemembered(ttlMs: number): RememberedKeys {
  const keys = new LRUCache<string, true>({ max: MAX_KEYS_IN_PROCESS, ttl: ttlMs });
  return {
    has: async (key) => keys.has(key),
    add: async (key) => void keys.set(key, true),
  };
}

// ARGV: now, forget-after ms, then the delay after 0, 1, 2, … failures up to where it stops growing.
const RESERVE = `
local now = tonumber(ARGV[1])
local state = redis.call('HMGET', KEYS[1], 'failures', 'at')
local failures = tonumber(state[1]) or 0
local at = tonumber(state[2]) or 0
local delay = tonumber(ARGV[3 + math.min(failures, #ARGV - 3)])
if now < at + delay then return at + delay - now end
redis.call('HSET', KEYS[1], 'failures', failures + 1, 'at', now)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0
`;

const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('HINCRBY', KEYS[1], 'failures', -1) <= 0 then
  redis.call('DEL', KEYS[1])
end
return 0
`;

/** delayAfterFailures for 0, 1, 2, … failures until it reaches its maximum, for the Redis script. */
function delaySchedule(policy: FailurePolicy): number[] {
  const delays = [delayAfterFailures(0, policy)];
  while (delays.at(-1)! < policy.maxDelayMs && delays.length < 64) delays.push(delayAfterFailures(delays.length, policy));
  return delays;
}

/** The same counter in Redis, so that every API instance counts together; keys expire with the policy. */
export function redisFailures(redis: Redis, prefix: string, policy: FailurePolicy): FailureCounter {
  const schedule = delaySchedule(policy);
  return {
    policy,
    async reserve(key) {
      const retryAfterMs = Number(await redis.eval(RESERVE, 1, `${prefix}:${key}`, Date.now(), policy.forgetAfterMs, ...schedule));
      return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
    },
    async release(key) {
      await redis.eval(RELEASE, 1, `${prefix}:${key}`);
    },
    async clear(key) {
      await redis.del(`${prefix}:${key}`);
    },
  };
}

export function redisRemembered(redis: Redis, prefix: string, ttlMs: number): RememberedKeys {
  return {
    has: async (key) => (await redis.exists(`${prefix}:${key}`)) === 1,
    add: async (key) => void (await redis.set(`${prefix}:${key}`, '1', 'PX', ttlMs)),
  };
}
