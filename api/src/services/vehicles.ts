import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';
import { requireCustomer } from './customers.js';
import { enqueueRecordChange } from '../webhooks/fan-out.js';

export interface VehicleInput {
  year?: number | null;
  make: string;
  model: string;
  vin?: string | null;
  licensePlate?: string | null;
  color?: string | null;
  notes?: string | null;
}

type Query = { include?: Prisma.VehicleInclude; select?: Prisma.VehicleSelect };

export async function createVehicle(
  prisma: PrismaClient,
  caller: Caller,
  input: VehicleInput & { customerId: string },
  query: Query = {},
) {
  await requireCustomer(prisma, caller, input.customerId);
  return prisma.$transaction(async (tx) => {
    const vehicle = await tx.vehicle.create({ ...query, data: { ...input, organizationId: caller.organizationId } });
    await enqueueRecordChange(tx, { organizationId: caller.organizationId, type: 'VEHICLE_CREATED', id: vehicle.id, at: new Date().toISOString() });
    return vehicle;
  });
}

export async function updateVehicle(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
  input: { [K in keyof VehicleInput]?: VehicleInput[K] | null },
  query: Query = {},
) {
  await requireVehicle(prisma, caller, id);
  return prisma.$transaction(async (tx) => {
    const vehicle = await tx.vehicle.update({
      ...query,
      where: { id },
      data: { ...input, make: input.make ?? undefined, model: input.model ?? undefined },
    });
    await enqueueRecordChange(tx, { organizationId: caller.organizationId, type: 'VEHICLE_UPDATED', id, at: new Date().toISOString() });
    return vehicle;
  });
}

async function requireVehicle(prisma: PrismaClient, caller: Caller, id: string) {
  const vehicle = await prisma.vehicle.findFirst({ where: { id, organizationId: caller.organizationId }, select: { id: true } });
  if (!vehicle) throw new NotFoundError('Vehicle', id);
}
