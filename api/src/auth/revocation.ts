import type { PrismaClient } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import type { Credentials } from './credentials.js';
import { ACCESS_REVOKED_CHANNEL } from '../events/listen.js';
import { hashSecret } from './secrets.js';

/** Names a credential across processes without revealing it: an API key's id, or a session token's hash. */
export function credentialKey(caller: Caller, token: string): string {
  return caller.kind === 'apiKey' ? `apiKey:${caller.apiKeyId}` : `session:${hashSecret(token)}`;
}

/** Tells every API instance, this one too, that a credential is gone; sent inside a transaction, it leaves at commit. */
export async function notifyRevocation(db: Transaction, key: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${ACCESS_REVOKED_CHANNEL}, ${key})`;
}

/**
 * Forgets a credential that is gone in this instance at once, and tells every API instance, so that
 * they forget it too and close its open sockets.
 */
export async function announceRevocation(prisma: PrismaClient, credentials: Credentials, key: string): Promise<void> {
  credentials.forget(key);
  await notifyRevocation(prisma, key);
}
