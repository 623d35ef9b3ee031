import type { PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import type { EventFeed } from '../events/feed.js';
import type { Buckets } from '../limits/buckets.js';

/** What every resolver receives. `caller` is null for an anonymous request. */
export interface Context {
  prisma: PrismaClient;
  feed: EventFeed;
  buckets: Buckets;
  caller: Caller | null;
  /** The bearer token of this request, kept so that logout can revoke it. */
  token: string | null;
}

/** Resolvers behind an auth scope use this: the scope has already proven there is a caller. */
export function callerOf(context: Context): Caller {
  if (!context.caller) throw new Error('Resolver reached without a caller; its auth scope is missing');
  return context.caller;
}
