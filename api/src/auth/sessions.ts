import type { PrismaClient, User } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { ValidationError } from '../domain/errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { API_KEY_PREFIX, hashSecret, newSecret } from './secrets.js';
import type { Credentials } from './credentials.js';
import type { RequestClient } from './client-address.js';
import { announceRevocation } from './revocation.js';
import { throttledPasswordCheck, type SignInLimiter } from './sign-in-throttle.js';

export const SESSION_TTL_MS = 7 * 24 * 3_600_000;
/** A session's or key's last use is written at most this often. */
const TOUCH_INTERVAL_MS = 60_000;
/** Logins are per organization, so one email may have a few; more than this are never looked at. */
const MAX_LOGINS_PER_EMAIL = 10;

// Verified against when the email is unknown, so that a wrong email takes as long as a wrong password.
const dummyHash = hashPassword('not-a-real-password');

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The login this email and password open. Several organizations may each have a login with the same
 * email: the one whose password matches opens, the oldest if several do. A deactivated login opens nothing.
 */
async function userWithPassword(prisma: PrismaClient, email: string, password: string): Promise<User | null> {
  const users = await prisma.user.findMany({ where: { email: normalizeEmail(email), deactivatedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: MAX_LOGINS_PER_EMAIL });
  if (users.length === 0) await verifyPassword(await dummyHash, password);
  for (const user of users) {
    if (await verifyPassword(user.passwordHash, password)) return user;
  }
  return null;
}

async function login(prisma: PrismaClient, email: string, password: string, client: RequestClient, now = new Date()) {
  const user = await userWithPassword(prisma, email, password);
  if (!user) return null;
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await prisma.session.create({
    data: { organizationId: user.organizationId, userId: user.id, tokenHash: hashSecret(token), expiresAt, lastUsedAt: now, userAgent: client.userAgent },
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
 * Signs in with an email and a password, through the sign-in throttle (sign-in-throttle.ts): guessing
 * is slowed per account and client address, and the owner signing in from elsewhere is not.
 */
export async function signIn(prisma: PrismaClient, limiter: SignInLimiter, email: string, password: string, client: RequestClient) {
  const session = await throttledPasswordCheck(limiter, normalizeEmail(email), client.address, () => login(prisma, email, password, client));
  if (!session) throw ValidationError.field(['input', 'password'], 'Wrong email or password');
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

export function bearerToken(header: string | null | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
