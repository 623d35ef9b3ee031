import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { hashPassword } from '../../src/auth/password.js';
import { API_KEY_PREFIX, hashSecret, newSecret } from '../../src/auth/secrets.js';
import type { ApiKeyScope } from '../../src/domain/caller.js';

/** Fixture builders, one per domain type: each takes only what a test cares about. */
const unique = () => randomUUID().slice(0, 8);

export function createOrganization(prisma: PrismaClient, data: Partial<Prisma.OrganizationUncheckedCreateInput> = {}) {
  return prisma.organization.create({
    data: { slug: `org-${unique()}`, name: 'Test Mobile Service', timeZone: 'America/Chicago', currency: 'USD', ...data },
  });
}

/** A login, a dispatcher unless `data` says otherwise; with a `password` it can sign in, without one it cannot. */
export async function createUser(prisma: PrismaClient, organizationId: string, data: Partial<Prisma.UserUncheckedCreateInput> & { password?: string } = {}) {
  const { password, ...rest } = data;
  return prisma.user.create({
    data: { organizationId, email: `user-${randomUUID()}@test.example`, name: 'Dana Dispatcher', role: 'DISPATCHER', passwordHash: password ? await hashPassword(password) : 'x', ...rest },
  });
}

/** An API key with these scopes; `secret` is what a client sends for it. */
export function createApiKey(prisma: PrismaClient, organizationId: string, scopes: ApiKeyScope[], secret = newSecret(API_KEY_PREFIX)) {
  return prisma.apiKey.create({ data: { organizationId, name: 'Test integration', prefix: secret.slice(0, 10), secretHash: hashSecret(secret), scopes } });
}

/** Every day, all day: tests that are not about availability book at any time. */
export const ROUND_THE_CLOCK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 24 * 60 }));

/** A technician who works round the clock unless `workingHours` says otherwise. */
export async function createTechnician(
  prisma: PrismaClient,
  organizationId: string,
  data: Partial<Prisma.TechnicianUncheckedCreateInput> = {},
  workingHours: { weekday: number; startMinute: number; endMinute: number }[] = ROUND_THE_CLOCK,
) {
  const technician = await prisma.technician.create({ data: { organizationId, name: `Tech ${unique()}`, color: '#2563eb', ...data } });
  await prisma.workingHours.createMany({ data: workingHours.map((interval) => ({ ...interval, organizationId, technicianId: technician.id })) });
  return technician;
}

export function createServiceType(prisma: PrismaClient, organizationId: string, data: Partial<Prisma.ServiceTypeUncheckedCreateInput> = {}) {
  return prisma.serviceType.create({
    data: { organizationId, name: `Oil Change ${unique()}`, defaultPriceMinor: 5999, defaultDurationMinutes: 45, ...data },
  });
}

/** A customer with one vehicle and one service address, as the spec page requires. */
export async function createCustomer(prisma: PrismaClient, organizationId: string, data: Partial<Prisma.CustomerUncheckedCreateInput> = {}) {
  const customer = await prisma.customer.create({ data: { organizationId, name: `Customer ${unique()}`, ...data } });
  const vehicle = await prisma.vehicle.create({
    data: { organizationId, customerId: customer.id, year: 2020, make: 'Toyota', model: 'Camry' },
  });
  const address = await prisma.serviceAddress.create({
    data: { organizationId, customerId: customer.id, label: 'Home', street: '1 Main St', city: 'Chicago' },
  });
  return { customer, vehicle, address };
}

let nextNumber = 1;

export async function createWorkOrder(
  prisma: PrismaClient,
  parts: {
    organizationId: string;
    customer: { customer: { id: string }; vehicle: { id: string }; address: { id: string } };
    serviceTypeId: string;
    technicianId?: string | null;
  },
  data: Partial<Prisma.WorkOrderUncheckedCreateInput> = {},
) {
  const windowStart = new Date('2026-12-01T15:00:00Z');
  return prisma.workOrder.create({
    data: {
      organizationId: parts.organizationId,
      number: nextNumber++,
      customerId: parts.customer.customer.id,
      vehicleId: parts.customer.vehicle.id,
      serviceAddressId: parts.customer.address.id,
      serviceTypeId: parts.serviceTypeId,
      technicianId: parts.technicianId ?? null,
      priceMinor: 5999,
      durationMinutes: 60,
      windowStart,
      windowEnd: new Date(windowStart.getTime() + 60 * 60_000),
      ...data,
    },
  });
}
