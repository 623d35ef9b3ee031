import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';
import { requireCustomer } from './customers.js';

export interface ServiceAddressInput {
  label: string;
  street: string;
  city: string;
  region?: string | null;
  postalCode: string;
  accessNotes?: string | null;
}

type Query = { include?: Prisma.ServiceAddressInclude; select?: Prisma.ServiceAddressSelect };

export async function createServiceAddress(
  prisma: PrismaClient,
  caller: Caller,
  input: ServiceAddressInput & { customerId: string },
  query: Query = {},
) {
  await requireCustomer(prisma, caller, input.customerId);
  return prisma.serviceAddress.create({ ...query, data: { ...input, organizationId: caller.organizationId } });
}

export async function updateServiceAddress(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
  input: { [K in keyof ServiceAddressInput]?: ServiceAddressInput[K] | null },
  query: Query = {},
) {
  await requireServiceAddress(prisma, caller, id);
  return prisma.serviceAddress.update({
    ...query,
    where: { id },
    data: { ...input, label: input.label ?? undefined, street: input.street ?? undefined, city: input.city ?? undefined, postalCode: input.postalCode ?? undefined },
  });
}

async function requireServiceAddress(prisma: PrismaClient, caller: Caller, id: string) {
  const address = await prisma.serviceAddress.findFirst({ where: { id, organizationId: caller.organizationId }, select: { id: true } });
  if (!address) throw new NotFoundError('Service address', id);
}
