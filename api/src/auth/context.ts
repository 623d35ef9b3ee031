import type { PrismaClient } from '../generated/prisma/client.js';
import type { EventFeed } from '../events/feed.js';
import type { Buckets } from '../limits/buckets.js';
import type { Context } from '../schema/context.js';
import type { Credentials } from './credentials.js';
import type { RequestClient } from './client-address.js';
import type { LiveStreams } from './live-streams.js';
import { bearerToken } from './sessions.js';

export interface Services {
  prisma: PrismaClient;
  feed: EventFeed;
  buckets: Buckets;
  credentials: Credentials;
  liveStreams: LiveStreams;
}

/** A request's context: the caller comes from the Authorization header or, on a socket, the connection params. */
export async function contextFromToken(services: Services, token: string | null, client: RequestClient): Promise<Context> {
  const credential = token ? await services.credentials.credentialOf(token) : null;
  return { ...services, token, client, credential, caller: credential?.caller ?? null, totalsCounted: 0 };
}

export function tokenFromRequest(request: Request): string | null {
  return bearerToken(request.headers.get('authorization'));
}

/** graphql-ws clients send `{ authorization: "Bearer <token>" }` (or `{ token }`) as connection params. */
export function tokenFromConnectionParams(connectionParams: object | undefined): string | null {
  const params = connectionParams as Record<string, unknown> | undefined;
  const value = params?.authorization ?? params?.Authorization;
  if (typeof value === 'string') return bearerToken(value);
  return typeof params?.token === 'string' ? params.token : null;
}
