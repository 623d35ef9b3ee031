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

// Verified against when the email is unknown, so that a wrong email takes as long as a wrong password.
const dummyHash = hashPassword('not-a-real-password');

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The login that has this email (one in the whole product, as the database makes sure), deactivated or not. */
function loginOf(prisma: PrismaClient, email: string): Promise<User | null> {
  return prisma.user.findUnique({ where: { email: normalizeEmail(email) } });
}

/** Opens a session when the password is that of the email's login; a deactivated login opens nothing. */
async function login(prisma: PrismaClient, email: string, password: string, client: RequestClient, now = new Date()) {
  const user = await loginOf(prisma, email);
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !matches || user.deactivatedAt) return null;
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
