import type { PrismaClient, User } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { ThrottledError, ValidationError } from '../domain/errors.js';
import type { LeakyBucket } from '../limits/bucket.js';
import { hashPassword, verifyPassword } from './password.js';
import { API_KEY_PREFIX, hashSecret, newSecret } from './secrets.js';
import type { Credentials } from './credentials.js';
import { announceRevocation } from './revocation.js';

export const SESSION_TTL_MS = 7 * 24 * 3_600_000;
const API_KEY_TOUCH_INTERVAL_MS = 60_000;

// Verified against when the email is unknown, so that a wrong email takes as long as a wrong password.
const dummyHash = hashPassword('not-a-real-password');

export async function login(prisma: PrismaClient, email: string, password: string, now = new Date()) {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !valid || user.deactivatedAt) return null;
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await prisma.session.create({
    data: { organizationId: user.organizationId, userId: user.id, tokenHash: hashSecret(token), expiresAt },
  });
  return { token, expiresAt, caller: callerFromUser(user) };
}

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

/**
 * Signs in with an email and a password. Failed attempts per email are limited by `attempts`
 * (a successful one gives its point back), so guessing a password is slow.
 */
export async function signIn(prisma: PrismaClient, attempts: LeakyBucket, email: string, password: string) {
  const key = email.trim().toLowerCase();
  if (!(await attempts.take(key, 1)).allowed) {
    throw new ThrottledError('Too many failed sign-in attempts for this email; wait a minute and try again');
  }
  const session = await login(prisma, email, password);
  if (!session) throw ValidationError.field(['input', 'password'], 'Wrong email or password');
  await attempts.refund(key, 1);
  return session;
}

export async function logout(prisma: PrismaClient, credentials: Credentials, token: string): Promise<boolean> {
  const tokenHash = hashSecret(token);
  const { count } = await prisma.session.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count > 0) await announceRevocation(prisma, credentials, `session:${tokenHash}`);
  return count > 0;
}

/** Who a bearer token belongs to (a live session or an unrevoked API key) and until when; null otherwise. */
export async function credentialFromToken(prisma: PrismaClient, token: string, now = new Date()): Promise<{ caller: Caller; expiresAt: Date | null } | null> {
  if (token.startsWith(API_KEY_PREFIX)) {
    const caller = await callerFromApiKey(prisma, token, now);
    return caller && { caller, expiresAt: null };
  }
  const session = await prisma.session.findUnique({ where: { tokenHash: hashSecret(token) }, include: { user: true } });
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.deactivatedAt) return null;
  return { caller: callerFromUser(session.user), expiresAt: session.expiresAt };
}

async function callerFromApiKey(prisma: PrismaClient, secret: string, now: Date): Promise<Caller | null> {
  const key = await prisma.apiKey.findUnique({ where: { secretHash: hashSecret(secret) } });
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > API_KEY_TOUCH_INTERVAL_MS) {
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

export function bearerToken(header: string | null | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
