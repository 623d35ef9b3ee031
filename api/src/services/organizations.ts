import type { PrismaClient } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import { ForbiddenError, ValidationError } from '../domain/errors.js';
import { passwordProblem } from '../domain/passwords.js';
import { hashPassword } from '../auth/password.js';
import { normalizeEmail } from '../auth/sessions.js';

export async function organizationTimeZone(prisma: PrismaClient | Transaction, organizationId: string): Promise<string> {
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timeZone: true } });
  return org.timeZone;
}

export interface FoundingInput {
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  adminEmail: string;
  adminPassword: string;
}

/**
 * An organization is founded by its first admin: the caller is that admin, named (with the organization's
 * id) before either row exists, and both rows are written here. Nobody else may found one.
 */
export async function foundOrganization(tx: Transaction, founder: Caller, input: FoundingInput) {
  if (founder.kind !== 'user' || founder.role !== 'ADMIN') throw new ForbiddenError('An organization is founded by its first admin');
  const email = normalizeEmail(input.adminEmail);
  const problem = passwordProblem(input.adminPassword, { email });
  if (problem) throw ValidationError.field(['input', 'adminPassword'], problem);
  const organization = await tx.organization.create({
    data: { id: founder.organizationId, slug: input.slug, name: input.name, timeZone: input.timeZone, currency: input.currency },
  });
  await tx.user.create({
    data: { id: founder.userId, organizationId: organization.id, email, name: founder.name, role: 'ADMIN', passwordHash: await hashPassword(input.adminPassword) },
  });
  return organization;
}
