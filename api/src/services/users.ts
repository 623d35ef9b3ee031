import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { UNIQUE_VIOLATION, postgresErrorCode } from '../db/errors.js';
import type { Caller } from '../domain/caller.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { loginChangeRefusal, roleLinks } from '../domain/logins.js';
import { passwordProblem } from '../domain/passwords.js';
import type { Role } from '../domain/roles.js';
import type { Credentials } from '../auth/credentials.js';
import { hashPassword } from '../auth/password.js';
import { announceRevocation } from '../auth/revocation.js';
import { normalizeEmail } from '../auth/sessions.js';

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  technicianId?: string | null;
  customerId?: string | null;
}

export interface UserChange {
  id: string;
  role?: Role | null;
  technicianId?: string | null;
  customerId?: string | null;
  active?: boolean | null;
}

type Query = { include?: Prisma.UserInclude; select?: Prisma.UserSelect };

/** The technician or customer a role needs, checked to be the organization's. */
async function checkedLinks(prisma: PrismaClient, organizationId: string, role: Role, links: { technicianId?: string | null; customerId?: string | null }) {
  const { technicianId, customerId } = roleLinks(role, links);
  if (role === 'TECHNICIAN' && !(technicianId && (await prisma.technician.findFirst({ where: { id: technicianId, organizationId } })))) {
    throw ValidationError.field(['input', 'technicianId'], 'A technician login needs one of your technicians');
  }
  if (role === 'CUSTOMER' && !(customerId && (await prisma.customer.findFirst({ where: { id: customerId, organizationId } })))) {
    throw ValidationError.field(['input', 'customerId'], 'A customer login needs one of your customers');
  }
  return { technicianId, customerId };
}

/**
 * An email is one login in the whole product. A taken one gets the same answer whichever organization
 * has it, so that an admin learns only that it is taken somewhere, never whose.
 */
const EMAIL_TAKEN = 'This email cannot be used for a new login';

function explainUniqueViolation(error: unknown): never {
  if (postgresErrorCode(error) !== UNIQUE_VIOLATION) throw error;
  const field = String(error).includes('technicianId') ? 'technicianId' : 'email';
  throw ValidationError.field(['input', field], field === 'email' ? EMAIL_TAKEN : 'This technician already has a login');
}

/** A login for someone of the organization: a technician's login is linked to their technician, a customer's to their customer. */
export async function createUser(prisma: PrismaClient, caller: Caller, input: UserInput, query: Query = {}) {
  const { organizationId } = caller;
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, { email });
  if (problem) throw ValidationError.field(['input', 'password'], problem);
  const links = await checkedLinks(prisma, organizationId, input.role, input);
  try {
    return await prisma.user.create({
      ...query,
      data: {
        organizationId,
        email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        ...links,
      },
    });
  } catch (error) {
    explainUniqueViolation(error);
  }
}

/**
 * Changes a login's role (and who it works for) or deactivates it. Either ends its sessions at once in
 * every instance, so nobody keeps working with the rights they had.
 */
export async function updateUser(prisma: PrismaClient, credentials: Credentials, caller: Caller, change: UserChange, query: Query = {}) {
  const { organizationId } = caller;
  const user = await prisma.user.findFirst({ where: { id: change.id, organizationId } });
  if (!user) throw new NotFoundError('User', change.id);
  const refusal = loginChangeRefusal(caller, user.id, change);
  if (refusal) throw new ForbiddenError(refusal);

  const role = change.role ?? user.role;
  const links = change.role ? await checkedLinks(prisma, organizationId, role, change) : {};
  const deactivatedAt = change.active == null ? undefined : change.active ? null : (user.deactivatedAt ?? new Date());
  const endsSessions = (change.role != null && change.role !== user.role) || deactivatedAt instanceof Date;
  try {
    const [updated, sessions] = await prisma.$transaction(async (tx) => {
      const updated = await tx.user.update({ ...query, where: { id: user.id }, data: { role, ...links, deactivatedAt } });
      const sessions = endsSessions
        ? await tx.session.updateManyAndReturn({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() }, select: { tokenHash: true } })
        : [];
      return [updated, sessions] as const;
    });
    for (const session of sessions) await announceRevocation(prisma, credentials, `session:${session.tokenHash}`);
    return updated;
  } catch (error) {
    explainUniqueViolation(error);
  }
}
