import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { passwordProblem } from '../domain/passwords.js';
import type { RequestClient } from '../auth/client-address.js';
import type { Credentials } from '../auth/credentials.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { announceRevocation } from '../auth/revocation.js';
import { hashSecret } from '../auth/secrets.js';
import { throttledPasswordCheck, type SignInLimiter } from '../auth/sign-in-throttle.js';

/** What a user does with their own login: change its password, see and end its sessions. */
export interface AccountServices {
  prisma: PrismaClient;
  credentials: Credentials;
  limiter: SignInLimiter;
}

type SessionQuery = { include?: Prisma.SessionInclude; select?: Prisma.SessionSelect };

/** The user behind a session; an API key has no password and no sessions. */
function signedInUser(caller: Caller, token: string | null): { userId: string; tokenHash: string } {
  if (caller.kind !== 'user' || !token) throw new ForbiddenError('Only a signed-in user has a password and sessions');
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
 * Sets a new password after checking the current one (throttled like a sign-in), and ends every other
 * session of the user, on every instance and every open socket. Answers how many sessions it ended.
 */
export async function changePassword(
  { prisma, credentials, limiter }: AccountServices,
  caller: Caller,
  token: string | null,
  client: RequestClient,
  input: { currentPassword: string; newPassword: string },
  now = new Date(),
): Promise<number> {
  const { userId, tokenHash } = signedInUser(caller, token);
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const problem = passwordProblem(input.newPassword, { email: user.email, currentPassword: input.currentPassword });
  if (problem) throw ValidationError.field(['input', 'newPassword'], problem);
  const matches = await throttledPasswordCheck(limiter, user.email, client.address, async () => (await verifyPassword(user.passwordHash, input.currentPassword)) || null);
  if (!matches) throw ValidationError.field(['input', 'currentPassword'], 'This is not your current password');

  const passwordHash = await hashPassword(input.newPassword);
  const ended = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    return tx.session.updateManyAndReturn({
      where: { userId, revokedAt: null, tokenHash: { not: tokenHash } },
      data: { revokedAt: now },
      select: { tokenHash: true, expiresAt: true },
    });
  });
  for (const session of ended) await announceRevocation(prisma, credentials, `session:${session.tokenHash}`);
  return ended.filter((session) => session.expiresAt > now).length;
}

/** Ends one of the caller's own live sessions (the current one too: that is signing out). */
export async function endSession({ prisma, credentials }: AccountServices, caller: Caller, token: string | null, id: string, now = new Date()) {
  const { userId } = signedInUser(caller, token);
  const [ended] = await prisma.session.updateManyAndReturn({
    where: { id, organizationId: caller.organizationId, userId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  if (!ended) throw new NotFoundError('Session', id);
  await announceRevocation(prisma, credentials, `session:${ended.tokenHash}`);
  return ended;
}
