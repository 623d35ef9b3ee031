import type { Transaction } from '../../db/types.js';
import type { Caller } from '../../domain/caller.js';
import type { FieldError } from '../../domain/errors.js';

export interface WorkOrderReferences {
  customerId: string;
  vehicleId: string;
  serviceAddressId: string;
  serviceTypeId: string;
  technicianId?: string | null;
}

/**
 * Loads what a work order points at, inside the caller's organization, and says what is wrong
 * with each reference: unknown (or another organization's), archived, or not this customer's.
 */
export async function loadReferences(
  db: Transaction,
  caller: Caller,
  refs: WorkOrderReferences,
  /** On an edit, the references before it: an unchanged archived service type or inactive technician is kept. */
  previous?: WorkOrderReferences,
) {
  const organizationId = caller.organizationId;
  const [customer, vehicle, address, serviceType, technician] = await Promise.all([
    db.customer.findFirst({ where: { id: refs.customerId, organizationId } }),
    db.vehicle.findFirst({ where: { id: refs.vehicleId, organizationId } }),
    db.serviceAddress.findFirst({ where: { id: refs.serviceAddressId, organizationId } }),
    db.serviceType.findFirst({ where: { id: refs.serviceTypeId, organizationId } }),
    refs.technicianId ? db.technician.findFirst({ where: { id: refs.technicianId, organizationId } }) : null,
  ]);
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ path: ['input', field], message });

  if (!customer) fail('customerId', 'No such customer');
  if (!vehicle) fail('vehicleId', 'No such vehicle');
  else if (vehicle.customerId !== refs.customerId) fail('vehicleId', 'This vehicle belongs to another customer');
  if (!address) fail('serviceAddressId', 'No such service address');
  else if (address.customerId !== refs.customerId) fail('serviceAddressId', 'This address belongs to another customer');
  if (!serviceType) fail('serviceTypeId', 'No such service type');
  else if (!serviceType.active && previous?.serviceTypeId !== serviceType.id) fail('serviceTypeId', 'This service type is archived');
  if (refs.technicianId && !technician) fail('technicianId', 'No such technician');
  else if (technician && !technician.active && previous?.technicianId !== technician.id) fail('technicianId', 'This technician is inactive');

  return { customer, vehicle, address, serviceType, technician, errors };
}
