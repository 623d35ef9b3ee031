import type { PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { ForbiddenError } from '../domain/errors.js';
import type { EventFeed } from '../events/feed.js';
import type { Buckets } from '../limits/buckets.js';
import type { RequestClient } from '../auth/client-address.js';
import type { Credential, Credentials } from '../auth/credentials.js';
import type { LiveStreams } from '../auth/live-streams.js';

/** What every resolver receives. `caller` is null for an anonymous request. */
export interface Context {
  prisma: PrismaClient;
  feed: EventFeed;
  buckets: Buckets;
  credentials: Credentials;
  liveStreams: LiveStreams;
  caller: Caller | null;
  /** The credential the caller signed in with, whose revocation ends this request's streams. */
  credential: Credential | null;
  /** The bearer token of this request, kept so that logout can revoke it. */
  token: string | null;
  /** Where the request comes from (its address is what anonymous and sign-in throttles count by). */
  client: RequestClient;
  /** How many connection totals this operation counted: each is priced (limits/policy.ts), so the answer's cost includes it. */
  totalsCounted: number;
}

/** The caller of a field that needs one; an anonymous request is refused. */
export function callerOf(context: Context): Caller {
  if (!context.caller) throw new ForbiddenError('Sign in first');
  return context.caller;
}
