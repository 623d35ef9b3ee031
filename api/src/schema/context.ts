import type { PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { ForbiddenError } from '../domain/errors.js';
import type { EventFeed } from '../events/feed.js';
import type { Buckets } from '../limits/buckets.js';
import type { Credentials } from '../auth/credentials.js';
import type { RequestClient } from '../auth/client-address.js';

/** What every resolver receives. `caller` is null for an anonymous request. */
export interface Context {
  prisma: PrismaClient;
  feed: EventFeed;
  buckets: Buckets;
  credentials: Credentials;
  caller: Caller | null;
  /** The bearer token of this request, kept so that logout can revoke it. */
  token: string | null;
  /** Where the request comes from (its address is what anonymous and sign-in throttles count by). */
  client: RequestClient;
}

/** The caller of a field that needs one; an anonymous request is refused. */
export function callerOf(context: Context): Caller {
  if (!context.caller) throw new ForbiddenError('Sign in first');
  return context.caller;
}
