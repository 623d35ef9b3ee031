import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';
import { requireCustomer } from './customers.js';
import { enqueueRecordChange } from '../webhooks/fan-out.js';
import { requirePermission } from './permission.js';

export interface VehicleInput {
  year?: number | null;
  make: string;
  model: string;
  vin?: string | null;
  licensePlate?: string | null;
  color?: string | null;
  notes?: string | null;
}

export type VehicleChange = { id: string } & { [K in keyof VehicleInput]?: VehicleInput[K] | null };

export async function createVehicle(tx: Transaction, caller: Caller, input: VehicleInput & { customerId: string }) {
  requirePermission(caller, 'writeCustomers');
  await requireCustomer(tx, caller, input.customerId);
  const vehicle = await tx.vehicle.create({ data: { ...input, organizationId: caller.organizationId } });
  await enqueueRecordChange(tx, { organizationId: caller.organizationId, type: 'VEHICLE_CREATED', id: vehicle.id, at: new Date().toISOString() });
  return vehicle;
}

export async function updateVehicle(tx: Transaction, caller: Caller, { id, ...change }: VehicleChange) {
  requirePermission(caller, 'writeCustomers');
  const vehicle = await tx.vehicle.findFirst({ where: { id, organizationId: caller.organizationId }, select: { id: true } });
  if (!vehicle) throw new NotFoundError('Vehicle', id);
  const updated = await tx.vehicle.update({ where: { id }, data: { ...change, make: change.make ?? undefined, model: change.model ?? undefined } });
  await enqueueRecordChange(tx, { organizationId: caller.organizationId, type: 'VEHICLE_UPDATED', id, at: new Date().toISOString() });
  return updated;
}
