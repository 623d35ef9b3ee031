import { Redis } from 'ioredis';
import { SIGN_IN_LIMITS } from '../domain/sign-in-limits.js';
import type { SignInLimiter } from '../auth/sign-in-throttle.js';
import { memoryBucket, redisBucket, type LeakyBucket } from './bucket.js';
import { memoryFailures, memoryRemembered, redisFailures, redisRemembered } from './failures.js';
import { TEST_WEBHOOK_SENDS, THROTTLE } from './policy.js';

export interface Buckets {
  cost: LeakyBucket;
  signIn: SignInLimiter;
  /** Test events per webhook endpoint (TEST_WEBHOOK_SENDS). */
  testWebhooks: LeakyBucket;
  close(): Promise<void>;
}

export function memorySignInLimiter(now?: () => number): SignInLimiter {
  return {
    perAccountAndAddress: memoryFailures(SIGN_IN_LIMITS.perAccountAndAddress, now),
    perAddress: memoryFailures(SIGN_IN_LIMITS.perAddress, now),
    perAccount: memoryFailures(SIGN_IN_LIMITS.perAccount, now),
    familiar: memoryRemembered(SIGN_IN_LIMITS.familiarForMs),
  };
}

export function redisSignInLimiter(redis: Redis, prefix: string): SignInLimiter {
  return {
    perAccountAndAddress: redisFailures(redis, `${prefix}:account-address`, SIGN_IN_LIMITS.perAccountAndAddress),
    perAddress: redisFailures(redis, `${prefix}:address`, SIGN_IN_LIMITS.perAddress),
    perAccount: redisFailures(redis, `${prefix}:account`, SIGN_IN_LIMITS.perAccount),
    familiar: redisRemembered(redis, `${prefix}:familiar`, SIGN_IN_LIMITS.familiarForMs),
  };
}

/** Buckets and sign-in counters in this process, in bounded LRU caches: each is the policy's unless given. */
export function memoryBuckets(
  cost: LeakyBucket = memoryBucket(THROTTLE),
  signIn: SignInLimiter = memorySignInLimiter(),
  testWebhooks: LeakyBucket = memoryBucket(TEST_WEBHOOK_SENDS),
): Buckets {
  return { cost, signIn, testWebhooks, close: async () => {} };
}

/**
 * With REDIS_URL the buckets and sign-in counters live in Redis (every key expires), so that every API
 * instance counts together; otherwise in this process, in bounded LRU caches.
 */
export function createBuckets(redisUrl: string | undefined = process.env.REDIS_URL, prefix = 'throttle'): Buckets {
  if (!redisUrl) return memoryBuckets();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  return {
    cost: redisBucket(redis, `${prefix}:cost`, THROTTLE),
    signIn: redisSignInLimiter(redis, `${prefix}:sign-in`),
    testWebhooks: redisBucket(redis, `${prefix}:test-webhooks`, TEST_WEBHOOK_SENDS),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
