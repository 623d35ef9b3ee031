import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';
import { enqueueRecordChange } from '../webhooks/fan-out.js';

export interface CustomerInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  isFleet?: boolean | null;
}

type Query = { include?: Prisma.CustomerInclude; select?: Prisma.CustomerSelect };

export function createCustomer(prisma: PrismaClient, caller: Caller, input: CustomerInput, query: Query = {}) {
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.create({
      ...query,
      data: { ...input, isFleet: input.isFleet ?? false, organizationId: caller.organizationId },
    });
    await enqueueRecordChange(tx, { organizationId: caller.organizationId, type: 'CUSTOMER_CREATED', id: customer.id, at: new Date().toISOString() });
    return customer;
  });
}

export async function updateCustomer(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
  input: { [K in keyof CustomerInput]?: CustomerInput[K] | null },
  query: Query = {},
) {
  await requireCustomer(prisma, caller, id);
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.update({ ...query, where: { id }, data: { ...input, isFleet: input.isFleet ?? undefined, name: input.name ?? undefined } });
    await enqueueRecordChange(tx, { organizationId: caller.organizationId, type: 'CUSTOMER_UPDATED', id, at: new Date().toISOString() });
    return customer;
  });
}

/** The customer, if it is in the caller's organization. */
export async function requireCustomer(prisma: PrismaClient, caller: Caller, id: string) {
  const customer = await prisma.customer.findFirst({ where: { id, organizationId: caller.organizationId } });
  if (!customer) throw new NotFoundError('Customer', id);
  return customer;
}
