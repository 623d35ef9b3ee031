import { Redis } from 'ioredis';
import { memoryBucket, redisBucket, type LeakyBucket } from './bucket.js';
import { LOGIN_THROTTLE, THROTTLE } from './policy.js';

export interface Buckets {
  cost: LeakyBucket;
  login: LeakyBucket;
  close(): Promise<void>;
}

/** With REDIS_URL the buckets live in Redis, so that every API instance counts together; otherwise in this process. */
export function createBuckets(redisUrl: string | undefined = process.env.REDIS_URL): Buckets {
  if (!redisUrl) return { cost: memoryBucket(THROTTLE), login: memoryBucket(LOGIN_THROTTLE), close: async () => {} };
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  return {
    cost: redisBucket(redis, 'throttle:cost', THROTTLE),
    login: redisBucket(redis, 'throttle:login', LOGIN_THROTTLE),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
