import type { PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { ACCESS_REVOKED_CHANNEL } from '../events/listen.js';
import { hashSecret } from './secrets.js';

/** Names a credential across processes without revealing it: an API key's id, or a session token's hash. */
export function credentialKey(caller: Caller, token: string): string {
  return caller.kind === 'apiKey' ? `apiKey:${caller.apiKeyId}` : `session:${hashSecret(token)}`;
}

/** Tells every API instance that a credential is gone, so they close its open sockets. */
export async function announceRevocation(prisma: PrismaClient, key: string): Promise<void> {
  await prisma.$executeRaw`SELECT pg_notify(${ACCESS_REVOKED_CHANNEL}, ${key})`;
}
