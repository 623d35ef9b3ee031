import type { PrismaClient } from './generated/prisma/client.js';
import type { Caller } from './domain/caller.js';
import { ForbiddenError } from './domain/errors.js';
import type { EventFeed } from './events/feed.js';
import type { Buckets } from './limits/buckets.js';
import type { RequestClient } from './auth/client-address.js';
import type { Credential, Credentials } from './auth/credentials.js';
import type { LiveStreams } from './auth/live-streams.js';
import type { WebhookSettings } from './webhooks/settings.js';

/** What one API process holds for every request: the database, the live feed, the throttles, the credentials. */
export interface Services {
  prisma: PrismaClient;
  feed: EventFeed;
  buckets: Buckets;
  credentials: Credentials;
  liveStreams: LiveStreams;
  /** How webhooks are delivered; endpoints are made and changed under the same address setting. */
  webhookSettings: WebhookSettings;
}

/** What every resolver receives. `caller` is null for an anonymous request. */
export interface Context extends Services {
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

/** A request's context: the caller comes from the Authorization header or, on a socket, the connection params. */
export async function contextFromToken(services: Services, token: string | null, client: RequestClient): Promise<Context> {
  const credential = token ? await services.credentials.credentialOf(token) : null;
  return { ...services, token, client, credential, caller: credential?.caller ?? null, totalsCounted: 0 };
}

/** The caller of a field that needs one; an anonymous request is refused. */
export function callerOf(context: Context): Caller {
  if (!context.caller) throw new ForbiddenError('Sign in first');
  return context.caller;
}
