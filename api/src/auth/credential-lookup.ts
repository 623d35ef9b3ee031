import type { PrismaClient, User } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { API_KEY_PREFIX, hashSecret } from './secrets.js';

/** A session's or key's last use is written at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

export function callerFromUser(user: User): Caller {
  return {
    kind: 'user',
    organizationId: user.organizationId,
    userId: user.id,
    name: user.name,
    role: user.role,
    technicianId: user.technicianId,
    customerId: user.customerId,
  };
}

/** Who a bearer token belongs to (a live session or an unrevoked API key) and until when; null otherwise. */
export async function credentialFromToken(prisma: PrismaClient, token: string, now = new Date()): Promise<{ caller: Caller; expiresAt: Date | null } | null> {
  if (token.startsWith(API_KEY_PREFIX)) {
    const caller = await callerFromApiKey(prisma, token, now);
    return caller && { caller, expiresAt: null };
  }
  const session = await prisma.session.findUnique({ where: { tokenHash: hashSecret(token) }, include: { user: true } });
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.deactivatedAt) return null;
  if (now.getTime() - session.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.update({ where: { id: session.id }, data: { lastUsedAt: now } });
  }
  return { caller: callerFromUser(session.user), expiresAt: session.expiresAt };
}

async function callerFromApiKey(prisma: PrismaClient, secret: string, now: Date): Promise<Caller | null> {
  const key = await prisma.apiKey.findUnique({ where: { secretHash: hashSecret(secret) } });
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: 'apiKey',
    organizationId: key.organizationId,
    apiKeyId: key.id,
    name: key.name,
    scopes: key.scopes as Caller extends { scopes: infer S } ? S : never,
  };
}
