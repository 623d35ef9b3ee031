import type { PrismaClient } from '../generated/prisma/client.js';
import type { Credentials } from './credentials.js';

/** Carries the key of every revoked credential (credentialKey) to every API instance. */
export const ACCESS_REVOKED_CHANNEL = 'access_revoked';

/**
 * Forgets a credential that is gone in this instance at once, and tells every API instance, so that
 * they forget it too and close its open sockets.
 */
export async function announceRevocation(prisma: PrismaClient, credentials: Credentials, key: string): Promise<void> {
  credentials.forget(key);
  await prisma.$executeRaw`SELECT pg_notify(${ACCESS_REVOKED_CHANNEL}, ${key})`;
}
