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

/** A session of this user ending at `expiresAt`, as signing in makes one; `token` is what a client sends for it. */
export async function createSession(prisma: PrismaClient, user: { id: string; organizationId: string }, expiresAt: Date) {
  const token = newSecret();
  const session = await prisma.session.create({ data: { organizationId: user.organizationId, userId: user.id, tokenHash: hashSecret(token), expiresAt } });
  return { token, session };
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

/** An endpoint of the organization itself, written to the database as it stands (the API's checks are not the point). */
export function createWebhookEndpoint(prisma: PrismaClient, organizationId: string, data: Partial<Prisma.WebhookEndpointUncheckedCreateInput> = {}) {
  return prisma.webhookEndpoint.create({
    data: { organizationId, url: `https://example.com/hooks/${unique()}`, eventTypes: ['WORK_ORDER_CREATED'], secret: `whsec_${unique()}`, ...data },
  });
}

/** A delivery of a test event to this endpoint, delivered unless `data` says otherwise. */
export function createWebhookDelivery(prisma: PrismaClient, endpoint: { id: string; organizationId: string }, data: Partial<Prisma.WebhookDeliveryUncheckedCreateInput> = {}) {
  return prisma.webhookDelivery.create({
    data: { organizationId: endpoint.organizationId, endpointId: endpoint.id, eventType: 'TEST', occurredAt: new Date(), body: '{}', status: 'SUCCEEDED', ...data },
  });
}

/** One logged attempt of this delivery, answered 200 unless `data` says otherwise. */
export function createWebhookAttempt(
  prisma: PrismaClient,
  delivery: { id: string; organizationId: string; endpointId: string },
  data: Partial<Prisma.WebhookAttemptUncheckedCreateInput> = {},
) {
  return prisma.webhookAttempt.create({
    data: { organizationId: delivery.organizationId, endpointId: delivery.endpointId, deliveryId: delivery.id, startedAt: new Date(), durationMs: 5, statusCode: 200, succeeded: true, ...data },
  });
}
