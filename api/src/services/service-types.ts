import type { ServiceType } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import { UNIQUE_VIOLATION, postgresErrorCode } from '../db/errors.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { requirePermission } from './permission.js';

export interface ServiceTypeInput {
  name: string;
  description?: string | null;
  defaultPriceMinor: number;
  defaultDurationMinutes: number;
}

export type ServiceTypeChange = { id: string } & { [K in keyof ServiceTypeInput]?: ServiceTypeInput[K] | null } & { active?: boolean | null };

export async function createServiceType(tx: Transaction, caller: Caller, input: ServiceTypeInput) {
  requirePermission(caller, 'writeSettings');
  return explainDuplicateName(tx.serviceType.create({ data: { ...input, organizationId: caller.organizationId } }));
}

export async function updateServiceType(tx: Transaction, caller: Caller, { id, ...change }: ServiceTypeChange) {
  requirePermission(caller, 'writeSettings');
  await lockServiceType(tx, caller, id);
  return explainDuplicateName(
    tx.serviceType.update({
      where: { id },
      data: {
        ...change,
        name: change.name ?? undefined,
        defaultPriceMinor: change.defaultPriceMinor ?? undefined,
        defaultDurationMinutes: change.defaultDurationMinutes ?? undefined,
        active: change.active ?? undefined,
      },
    }),
  );
}

/** Hides the service type from new work orders; the work orders that use it keep it. */
export function archiveServiceType(tx: Transaction, caller: Caller, { id }: { id: string }) {
  return updateServiceType(tx, caller, { id, active: false });
}

/**
 * Deletes a service type no work order uses; one still in use is archived instead. The row is locked
 * first, so a work order booked meanwhile (its foreign key check waits on that lock) is counted.
 */
export async function deleteServiceType(tx: Transaction, caller: Caller, { id }: { id: string }): Promise<{ serviceType: ServiceType | null; archived: boolean }> {
  requirePermission(caller, 'writeSettings');
  await lockServiceType(tx, caller, id);
  if ((await tx.workOrder.count({ where: { serviceTypeId: id } })) > 0) {
    return { serviceType: await archiveServiceType(tx, caller, { id }), archived: true };
  }
  await tx.serviceType.delete({ where: { id } });
  return { serviceType: null, archived: false };
}

async function lockServiceType(tx: Transaction, caller: Caller, id: string) {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ServiceType" WHERE id = ${id}::uuid AND "organizationId" = ${caller.organizationId}::uuid FOR UPDATE`;
  if (!locked) throw new NotFoundError('Service type', id);
}

async function explainDuplicateName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (postgresErrorCode(error) === UNIQUE_VIOLATION) {
      throw ValidationError.field(['input', 'name'], 'There is already a service type with this name');
    }
    throw error;
  }
}
