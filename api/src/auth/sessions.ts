import type { PrismaClient, User } from '../generated/prisma/client.js';
import { ValidationError } from '../domain/errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { hashSecret, newSecret } from './secrets.js';
import type { Credentials } from './credentials.js';
import { callerFromUser } from './credential-lookup.js';
import type { RequestClient } from './client-address.js';
import { announceRevocation } from './revocation.js';
import { throttledPasswordCheck, type SignInLimiter } from './sign-in-throttle.js';

export const SESSION_TTL_MS = 7 * 24 * 3_600_000;

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
