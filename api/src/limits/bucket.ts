import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

export interface BucketState {
  allowed: boolean;
  currentlyAvailable: number;
}

export interface BucketShape {
  maximumAvailable: number;
  restoreRatePerSecond: number;
}

/** A leaky bucket of points per key: taking `cost` succeeds when that many points are there. */
export interface LeakyBucket {
  readonly shape: BucketShape;
  take(key: string, cost: number): Promise<BucketState>;
  /** Gives back points taken for a request that cost less than feared. */
  refund(key: string, points: number): Promise<void>;
}

/** How many callers' buckets one process keeps; past it the least recently used is dropped. */
export const MAX_BUCKETS_IN_PROCESS = 50_000;

/** The time an untouched bucket takes to fill up again: after it, forgetting the bucket loses nothing. */
export function refillMs(shape: BucketShape): number {
  return Math.ceil((shape.maximumAvailable / shape.restoreRatePerSecond) * 1000);
}

/**
 * In this process: a bounded LRU of buckets, each forgotten once it would be full again anyway, so
 * a flood of new callers costs at most MAX_BUCKETS_IN_PROCESS small entries.
 */
export function memoryBucket(shape: BucketShape, now = () => Date.now()): LeakyBucket & { size(): number } {
  const buckets = new LRUCache<string, { points: number; at: number }>({ max: MAX_BUCKETS_IN_PROCESS, ttl: refillMs(shape) });
  const level = (key: string) => {
    const bucket = buckets.get(key) ?? { points: shape.maximumAvailable, at: now() };
    const elapsed = (now() - bucket.at) / 1000;
    bucket.points = Math.min(shape.maximumAvailable, bucket.points + elapsed * shape.restoreRatePerSecond);
    bucket.at = now();
    buckets.set(key, bucket);
    return bucket;
  };
  return {
    shape,
    size: () => buckets.size,
    async take(key, cost) {
      const bucket = level(key);
      const allowed = bucket.points >= cost;
      if (allowed) bucket.points -= cost;
      return { allowed, currentlyAvailable: Math.floor(bucket.points) };
    },
    async refund(key, points) {
      const bucket = level(key);
      bucket.points = Math.min(shape.maximumAvailable, bucket.points + points);
    },
  };
}

// Refill by elapsed time, then take if enough: atomic in Redis, so several API instances share one bucket.
const TAKE = `
local max, rate, cost, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'points', 'at')
local points = tonumber(state[1]) or max
local at = tonumber(state[2]) or now
points = math.min(max, points + (now - at) / 1000 * rate)
local allowed = 0
if points >= cost then points = math.min(max, points - cost); allowed = 1 end
redis.call('HSET', KEYS[1], 'points', points, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(max / rate * 1000) + 1000)
return { allowed, tostring(points) }
`;

export function redisBucket(redis: Redis, prefix: string, shape: BucketShape): LeakyBucket {
  const run = async (key: string, cost: number) => {
    const [allowed, points] = (await redis.eval(TAKE, 1, `${prefix}:${key}`, shape.maximumAvailable, shape.restoreRatePerSecond, cost, Date.now())) as [number, string];
    return { allowed: allowed === 1, currentlyAvailable: Math.floor(Number(points)) };
  };
  return {
    shape,
    take: run,
    async refund(key, points) {
      await run(key, -points);
    },
  };
}
