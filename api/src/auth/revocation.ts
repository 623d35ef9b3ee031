import type { PrismaClient } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import type { Credentials } from './credentials.js';

/** Carries the key of every revoked credential (credentialKey) to every API instance. */
export const ACCESS_REVOKED_CHANNEL = 'access_revoked';

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
