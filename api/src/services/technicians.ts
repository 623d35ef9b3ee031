import type { PrismaClient } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';
import { MAX_TECHNICIANS } from '../domain/list-bounds.js';
import { requireRoomInSet } from './bounded-sets.js';
import { requirePermission } from './permission.js';

export interface TechnicianInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  color: string;
}

export type TechnicianChange = { id: string } & { [K in keyof TechnicianInput]?: TechnicianInput[K] | null } & { active?: boolean | null };

export async function createTechnician(tx: Transaction, caller: Caller, input: TechnicianInput) {
  requirePermission(caller, 'writeSettings');
  await requireRoomInSet(tx, caller.organizationId, {
    name: 'technicians',
    max: MAX_TECHNICIANS,
    count: () => tx.technician.count({ where: { organizationId: caller.organizationId } }),
    refusal: `An organization has at most ${MAX_TECHNICIANS} technicians, inactive ones included: reactivate one instead`,
  });
  return tx.technician.create({ data: { ...input, organizationId: caller.organizationId } });
}

/** NotFoundError unless the caller's organization has this technician. */
export async function requireTechnician(prisma: PrismaClient | Transaction, caller: Caller, id: string): Promise<void> {
  const technician = await prisma.technician.findFirst({ where: { id, organizationId: caller.organizationId }, select: { id: true } });
  if (!technician) throw new NotFoundError('Technician', id);
}

export async function updateTechnician(tx: Transaction, caller: Caller, { id, ...change }: TechnicianChange) {
  requirePermission(caller, 'writeSettings');
  await requireTechnician(tx, caller, id);
  return tx.technician.update({
    where: { id },
    data: { ...change, name: change.name ?? undefined, color: change.color ?? undefined, active: change.active ?? undefined },
  });
}
