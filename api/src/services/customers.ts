import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';
import { enqueueRecordChange } from '../webhooks/fan-out.js';
import { requirePermission } from './permission.js';

export interface CustomerInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  isFleet?: boolean | null;
}

export type CustomerChange = { id: string } & { [K in keyof CustomerInput]?: CustomerInput[K] | null };

export async function createCustomer(tx: Transaction, caller: Caller, input: CustomerInput) {
  requirePermission(caller, 'writeCustomers');
  const customer = await tx.customer.create({ data: { ...input, isFleet: input.isFleet ?? false, organizationId: caller.organizationId } });
  await enqueueRecordChange(tx, { organizationId: caller.organizationId, type: 'CUSTOMER_CREATED', id: customer.id, at: new Date().toISOString() });
  return customer;
}

export async function updateCustomer(tx: Transaction, caller: Caller, { id, ...change }: CustomerChange) {
  requirePermission(caller, 'writeCustomers');
  await requireCustomer(tx, caller, id);
  const customer = await tx.customer.update({ where: { id }, data: { ...change, isFleet: change.isFleet ?? undefined, name: change.name ?? undefined } });
  await enqueueRecordChange(tx, { organizationId: caller.organizationId, type: 'CUSTOMER_UPDATED', id, at: new Date().toISOString() });
  return customer;
}

/** The customer, if it is in the caller's organization. */
export async function requireCustomer(tx: Transaction, caller: Caller, id: string) {
  const customer = await tx.customer.findFirst({ where: { id, organizationId: caller.organizationId } });
  if (!customer) throw new NotFoundError('Customer', id);
  return customer;
}
