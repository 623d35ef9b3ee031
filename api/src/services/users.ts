import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { UNIQUE_VIOLATION, postgresErrorCode } from '../db/errors.js';
import type { Caller } from '../domain/caller.js';
import { ValidationError } from '../domain/errors.js';
import { passwordProblem } from '../domain/passwords.js';
import type { Role } from '../domain/roles.js';
import { hashPassword } from '../auth/password.js';
import { normalizeEmail } from '../auth/sessions.js';

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  technicianId?: string | null;
  customerId?: string | null;
}

type Query = { include?: Prisma.UserInclude; select?: Prisma.UserSelect };

/** A login for someone of the organization: a technician's login is linked to their technician, a customer's to their customer. */
export async function createUser(prisma: PrismaClient, caller: Caller, input: UserInput, query: Query = {}) {
  const { organizationId } = caller;
  const technicianId = input.role === 'TECHNICIAN' ? input.technicianId : null;
  const customerId = input.role === 'CUSTOMER' ? input.customerId : null;
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, { email });
  if (problem) throw ValidationError.field(['input', 'password'], problem);
  if (input.role === 'TECHNICIAN' && !(technicianId && (await prisma.technician.findFirst({ where: { id: technicianId, organizationId } })))) {
    throw ValidationError.field(['input', 'technicianId'], 'A technician login needs one of your technicians');
  }
  if (input.role === 'CUSTOMER' && !(customerId && (await prisma.customer.findFirst({ where: { id: customerId, organizationId } })))) {
    throw ValidationError.field(['input', 'customerId'], 'A customer login needs one of your customers');
  }
  try {
    return await prisma.user.create({
      ...query,
      data: {
        organizationId,
        email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        technicianId,
        customerId,
      },
    });
  } catch (error) {
    if (postgresErrorCode(error) !== UNIQUE_VIOLATION) throw error;
    const field = String(error).includes('technicianId') ? 'technicianId' : 'email';
    // Logins are per organization, so this names only one of the caller's own logins.
    throw ValidationError.field(['input', field], field === 'email' ? 'This email already has a login in your organization' : 'This technician already has a login');
  }
}
