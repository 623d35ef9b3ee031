import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { passwordProblem } from '../domain/passwords.js';
import type { RequestClient } from '../auth/client-address.js';
import type { Credentials } from '../auth/credentials.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { hashSecret } from '../auth/secrets.js';
import { throttledPasswordCheck, type SignInLimiter } from '../auth/sign-in-throttle.js';
import { runCommand, type CommandServices } from './command.js';
import { revokeCredential } from './revoke.js';

/** What a user does with their own login: change its password, see and end its sessions. */
export interface AccountServices {
  prisma: PrismaClient;
  credentials: Credentials;
  limiter: SignInLimiter;
}

type SessionQuery = { include?: Prisma.SessionInclude; select?: Prisma.SessionSelect };

const NO_PASSWORD = 'Only a signed-in user has a password and sessions';
const SESSION_ENDED = 'This session has been signed out: sign in again';

/** The user behind a session; an API key has no password and no sessions. */
function signedInUser(caller: Caller, token: string | null): { userId: string; tokenHash: string } {
  if (caller.kind !== 'user' || !token) throw new ForbiddenError(NO_PASSWORD);
  return { userId: caller.userId, tokenHash: hashSecret(token) };
}

/** A user's sessions that still work, the most recently used first (at most 100). */
export function liveSessionsOf(prisma: PrismaClient, caller: Caller, query: SessionQuery = {}, now = new Date()) {
  if (caller.kind !== 'user') return [];
  return prisma.session.findMany({
    ...query,
    where: { organizationId: caller.organizationId, userId: caller.userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ lastUsedAt: 'desc' }, { id: 'desc' }],
    take: 100,
  });
}

/**
 * Sets a new password after checking the current one (throttled like a sign-in), then runs setPassword.
 * Answers how many other sessions it ended.
 */
export async function changePassword(
  services: AccountServices,
  caller: Caller,
  token: string | null,
  client: RequestClient,
  input: { currentPassword: string; newPassword: string },
): Promise<number> {
  const { userId, tokenHash } = signedInUser(caller, token);
  const user = await services.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const problem = passwordProblem(input.newPassword, { email: user.email, currentPassword: input.currentPassword });
  if (problem) throw ValidationError.field(['input', 'newPassword'], problem);
  const matches = await throttledPasswordCheck(services.limiter, user.email, client.address, async () => (await verifyPassword(user.passwordHash, input.currentPassword)) || null);
  if (!matches) throw ValidationError.field(['input', 'currentPassword'], 'This is not your current password');
  return runCommand(services, caller, setPassword, { newPassword: input.newPassword, keepTokenHash: tokenHash });
}

/**
 * The write of a password change, for a caller who has just proved their current password: sets the new
 * one and ends every other session of the user, on every instance and every open socket.
 */
export async function setPassword(tx: Transaction, caller: Caller, input: { newPassword: string; keepTokenHash: string }): Promise<number> {
  if (caller.kind !== 'user') throw new ForbiddenError(NO_PASSWORD);
  const user = await tx.user.findUniqueOrThrow({ where: { id: caller.userId } });
  const problem = passwordProblem(input.newPassword, { email: user.email });
  if (problem) throw ValidationError.field(['input', 'newPassword'], problem);
  await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
  return endSessionsBut(tx, user.id, input.keepTokenHash);
}

/**
 * One change to a user's sessions at a time, each made from a session that still works: of two devices
 * signing each other out at once, the second finds its own session ended by the first and ends nothing.
 * Answers the time it checked.
 */
async function requireOwnSession(tx: Transaction, userId: string, tokenHash: string): Promise<Date> {
  await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${userId}::uuid FOR NO KEY UPDATE`;
  const now = new Date();
  const own = await tx.session.findFirst({ where: { userId, tokenHash, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } });
  if (!own) throw new ForbiddenError(SESSION_ENDED);
  return now;
}

/**
 * Ends every session of the user but the one kept, on every instance and every open socket. Answers
 * how many of them still worked (an expired one is ended too, but was no longer anyone's).
 */
async function endSessionsBut(tx: Transaction, userId: string, keepTokenHash: string): Promise<number> {
  const now = await requireOwnSession(tx, userId, keepTokenHash);
  const ended = await tx.session.updateManyAndReturn({
    where: { userId, revokedAt: null, tokenHash: { not: keepTokenHash } },
    data: { revokedAt: now },
    select: { tokenHash: true, expiresAt: true },
  });
  for (const session of ended) await revokeCredential(tx, `session:${session.tokenHash}`);
  return ended.filter((session) => session.expiresAt > now).length;
}

/** "Sign out all other sessions": ends every session of the caller's but the current one; answers how many. */
export async function endOtherSessions(tx: Transaction, caller: Caller, { keepTokenHash }: { keepTokenHash: string }): Promise<number> {
  if (caller.kind !== 'user') throw new ForbiddenError(NO_PASSWORD);
  return endSessionsBut(tx, caller.userId, keepTokenHash);
}

/** Runs endOtherSessions for the request's session, which it keeps. */
export function endOtherSessionsOf(services: CommandServices, caller: Caller, token: string | null): Promise<number> {
  return runCommand(services, caller, endOtherSessions, { keepTokenHash: signedInUser(caller, token).tokenHash });
}

/** Runs endSession for the request's session. */
export function endSessionOf(services: CommandServices, caller: Caller, token: string | null, id: string) {
  return runCommand(services, caller, endSession, { id, callerTokenHash: signedInUser(caller, token).tokenHash });
}

/** Ends one of the caller's own live sessions (the current one too: that is signing out), from `callerTokenHash`'s. */
export async function endSession(tx: Transaction, caller: Caller, { id, callerTokenHash }: { id: string; callerTokenHash: string }) {
  if (caller.kind !== 'user') throw new ForbiddenError(NO_PASSWORD);
  const now = await requireOwnSession(tx, caller.userId, callerTokenHash);
  const [ended] = await tx.session.updateManyAndReturn({
    where: { id, organizationId: caller.organizationId, userId: caller.userId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  if (!ended) throw new NotFoundError('Session', id);
  await revokeCredential(tx, `session:${ended.tokenHash}`);
  return ended;
}
