import type { Transaction } from '../db/types.js';
import { UNIQUE_VIOLATION, postgresErrorCode } from '../db/errors.js';
import type { Caller } from '../domain/caller.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { MAX_LOGINS } from '../domain/list-bounds.js';
import { loginChangeRefusal, roleLinks } from '../domain/logins.js';
import { passwordProblem } from '../domain/passwords.js';
import type { Role } from '../domain/roles.js';
import { hashPassword } from '../auth/password.js';
import { normalizeEmail } from '../auth/sessions.js';
import { requireRoomInSet } from './bounded-sets.js';
import { requirePermission } from './permission.js';
import { revokeCredential } from './revoke.js';

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

/** The technician or customer a role needs, checked to be the organization's. */
async function checkedLinks(tx: Transaction, organizationId: string, role: Role, links: { technicianId?: string | null; customerId?: string | null }) {
  const { technicianId, customerId } = roleLinks(role, links);
  if (role === 'TECHNICIAN' && !(technicianId && (await tx.technician.findFirst({ where: { id: technicianId, organizationId } })))) {
    throw ValidationError.field(['input', 'technicianId'], 'A technician login needs one of your technicians');
  }
  if (role === 'CUSTOMER' && !(customerId && (await tx.customer.findFirst({ where: { id: customerId, organizationId } })))) {
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
export async function createUser(tx: Transaction, caller: Caller, input: UserInput) {
  requirePermission(caller, 'manageAccess');
  const { organizationId } = caller;
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, { email });
  if (problem) throw ValidationError.field(['input', 'password'], problem);
  const links = await checkedLinks(tx, organizationId, input.role, input);
  // Hashed before the set's lock, which other logins being made wait for: held only to count and insert.
  const passwordHash = await hashPassword(input.password);
  await requireRoomInSet(tx, organizationId, {
    name: 'logins',
    max: MAX_LOGINS,
    count: () => tx.user.count({ where: { organizationId } }),
    refusal: `An organization has at most ${MAX_LOGINS} logins, deactivated ones included: reactivate one instead`,
  });
  try {
    return await tx.user.create({
      data: { organizationId, email, name: input.name, role: input.role, passwordHash, ...links },
    });
  } catch (error) {
    explainUniqueViolation(error);
  }
}

/**
 * Changes a login's role (and who it works for) or deactivates it. Either ends its sessions at once in
 * every instance, so nobody keeps working with the rights they had.
 */
export async function updateUser(tx: Transaction, caller: Caller, change: UserChange) {
  requirePermission(caller, 'manageAccess');
  const { organizationId } = caller;
  const user = await tx.user.findFirst({ where: { id: change.id, organizationId } });
  if (!user) throw new NotFoundError('User', change.id);
  const refusal = loginChangeRefusal(caller, user.id, change);
  if (refusal) throw new ForbiddenError(refusal);

  const role = change.role ?? user.role;
  const links = change.role ? await checkedLinks(tx, organizationId, role, change) : {};
  const deactivatedAt = change.active == null ? undefined : change.active ? null : (user.deactivatedAt ?? new Date());
  const endsSessions = (change.role != null && change.role !== user.role) || deactivatedAt instanceof Date;
  let updated;
  try {
    updated = await tx.user.update({ where: { id: user.id }, data: { role, ...links, deactivatedAt } });
  } catch (error) {
    explainUniqueViolation(error);
  }
  const sessions = endsSessions
    ? await tx.session.updateManyAndReturn({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() }, select: { tokenHash: true } })
    : [];
  for (const session of sessions) await revokeCredential(tx, `session:${session.tokenHash}`);
  return updated;
}
