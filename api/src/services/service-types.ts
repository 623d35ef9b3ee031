import type { Prisma, PrismaClient, ServiceType } from '../generated/prisma/client.js';
import { UNIQUE_VIOLATION, isStillReferenced, postgresErrorCode } from '../db/errors.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';

export interface ServiceTypeInput {
  name: string;
  description?: string | null;
  defaultPriceMinor: number;
  defaultDurationMinutes: number;
}

type Query = { include?: Prisma.ServiceTypeInclude; select?: Prisma.ServiceTypeSelect };

export function createServiceType(prisma: PrismaClient, caller: Caller, input: ServiceTypeInput, query: Query = {}) {
  return explainDuplicateName(prisma.serviceType.create({ ...query, data: { ...input, organizationId: caller.organizationId } }));
}

export async function updateServiceType(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
  input: { [K in keyof ServiceTypeInput]?: ServiceTypeInput[K] | null } & { active?: boolean | null },
  query: Query = {},
) {
  await requireServiceType(prisma, caller, id);
  return explainDuplicateName(
    prisma.serviceType.update({
      ...query,
      where: { id },
      data: {
        ...input,
        name: input.name ?? undefined,
        defaultPriceMinor: input.defaultPriceMinor ?? undefined,
        defaultDurationMinutes: input.defaultDurationMinutes ?? undefined,
        active: input.active ?? undefined,
      },
    }),
  );
}

/** Hides the service type from new work orders; the work orders that use it keep it. */
export function archiveServiceType(prisma: PrismaClient, caller: Caller, id: string, query: Query = {}) {
  return updateServiceType(prisma, caller, id, { active: false }, query);
}

/** Deletes a service type no work order uses; one still in use is archived instead. */
export async function deleteServiceType(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
): Promise<{ serviceType: ServiceType | null; archived: boolean }> {
  await requireServiceType(prisma, caller, id);
  try {
    await prisma.serviceType.delete({ where: { id } });
    return { serviceType: null, archived: false };
  } catch (error) {
    // A work order's foreign key refused the delete, even one created since we looked.
    if (!isStillReferenced(error)) throw error;
    return { serviceType: await archiveServiceType(prisma, caller, id), archived: true };
  }
}

async function requireServiceType(prisma: PrismaClient, caller: Caller, id: string) {
  const serviceType = await prisma.serviceType.findFirst({ where: { id, organizationId: caller.organizationId }, select: { id: true } });
  if (!serviceType) throw new NotFoundError('Service type', id);
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
