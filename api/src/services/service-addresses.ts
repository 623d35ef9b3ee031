import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';
import { requireCustomer } from './customers.js';
import { requirePermission } from './permission.js';

export interface ServiceAddressInput {
  label: string;
  street: string;
  city: string;
  region?: string | null;
  postalCode: string;
  accessNotes?: string | null;
}

export type ServiceAddressChange = { id: string } & { [K in keyof ServiceAddressInput]?: ServiceAddressInput[K] | null };

export async function createServiceAddress(tx: Transaction, caller: Caller, input: ServiceAddressInput & { customerId: string }) {
  requirePermission(caller, 'writeCustomers');
  await requireCustomer(tx, caller, input.customerId);
  return tx.serviceAddress.create({ data: { ...input, organizationId: caller.organizationId } });
}

export async function updateServiceAddress(tx: Transaction, caller: Caller, { id, ...change }: ServiceAddressChange) {
  requirePermission(caller, 'writeCustomers');
  const address = await tx.serviceAddress.findFirst({ where: { id, organizationId: caller.organizationId }, select: { id: true } });
  if (!address) throw new NotFoundError('Service address', id);
  return tx.serviceAddress.update({
    where: { id },
    data: {
      ...change,
      label: change.label ?? undefined,
      street: change.street ?? undefined,
      city: change.city ?? undefined,
      postalCode: change.postalCode ?? undefined,
    },
  });
}
