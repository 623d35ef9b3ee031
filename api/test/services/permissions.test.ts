import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { Caller } from '../../src/domain/caller.js';
import { ForbiddenError } from '../../src/domain/errors.js';
import { endOtherSessions, endSession, setPassword } from '../../src/services/account.js';
import { createApiKey, revokeApiKey } from '../../src/services/api-keys.js';
import { runCommand, type Command } from '../../src/services/command.js';
import { createCustomer, updateCustomer } from '../../src/services/customers.js';
import { foundOrganization } from '../../src/services/organizations.js';
import { createServiceAddress, updateServiceAddress } from '../../src/services/service-addresses.js';
import { archiveServiceType, createServiceType, deleteServiceType, updateServiceType } from '../../src/services/service-types.js';
import { addTimeOff, removeTimeOff, setWorkingHours } from '../../src/services/technician-availability/commands.js';
import { createTechnician, updateTechnician } from '../../src/services/technicians.js';
import { createUser, updateUser } from '../../src/services/users.js';
import { createVehicle, updateVehicle } from '../../src/services/vehicles.js';
import { replayWebhookDeliveries, replayWebhookDelivery, sendTestWebhook } from '../../src/services/webhook-deliveries.js';
import { memoryBucket } from '../../src/limits/bucket.js';
import { TEST_WEBHOOK_SENDS } from '../../src/limits/policy.js';
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from '../../src/services/webhook-endpoints.js';
import { createWorkOrder, createWorkOrders } from '../../src/services/work-orders/create.js';
import { transitionWorkOrder } from '../../src/services/work-orders/transition.js';
import { updateWorkOrder } from '../../src/services/work-orders/update.js';
import { apiKeyCaller, userCaller } from '../support/callers.js';
import { openTestDatabase } from '../support/database.js';
import * as fixtures from '../support/fixtures.js';

/**
 * Every command refuses a caller the permission table does not allow, by itself: these call the
 * commands directly, with no GraphQL field guard in front of them, and check that nothing was written.
 */
describe('each command checks its own permission', () => {
  let db: Database;
  let organizationId: string;
  let ids: { customer: string; vehicle: string; address: string; serviceType: string; technician: string; workOrder: string; user: string; apiKey: string; webhookEndpoint: string; webhookDelivery: string };

  beforeAll(async () => {
    db = await openTestDatabase();
    const org = await fixtures.createOrganization(db.prisma);
    organizationId = org.id;
    const customer = await fixtures.createCustomer(db.prisma, org.id);
    const serviceType = await fixtures.createServiceType(db.prisma, org.id);
    const technician = await fixtures.createTechnician(db.prisma, org.id);
    const workOrder = await fixtures.createWorkOrder(db.prisma, { organizationId: org.id, customer, serviceTypeId: serviceType.id, technicianId: technician.id });
    const user = await fixtures.createUser(db.prisma, org.id);
    const apiKey = await fixtures.createApiKey(db.prisma, org.id, ['READ']);
    const webhookEndpoint = await fixtures.createWebhookEndpoint(db.prisma, org.id);
    const webhookDelivery = await fixtures.createWebhookDelivery(db.prisma, webhookEndpoint);
    ids = {
      webhookEndpoint: webhookEndpoint.id,
      webhookDelivery: webhookDelivery.id,
      customer: customer.customer.id,
      vehicle: customer.vehicle.id,
      address: customer.address.id,
      serviceType: serviceType.id,
      technician: technician.id,
      workOrder: workOrder.id,
      user: user.id,
      apiKey: apiKey.id,
    };
  });
  afterAll(() => db.close());

  const as = (role: 'DISPATCHER' | 'TECHNICIAN' | 'CUSTOMER') => userCaller(role, { organizationId });
  // Callers who see the work order (it is their job) but may not make the move.
  const ownCustomer = () => userCaller('CUSTOMER', { organizationId, customerId: ids.customer });
  const ownTechnician = () => userCaller('TECHNICIAN', { organizationId, technicianId: ids.technician });
  const key = (scope: 'READ' | 'WRITE_WORK_ORDERS' | 'WRITE_CUSTOMERS' | 'WRITE_SETTINGS' | 'WEBHOOKS') => apiKeyCaller([scope], organizationId);

  /** Everything a command could have written, so that a refusal can be seen to leave it unchanged. */
  async function snapshot() {
    const where = { organizationId };
    return JSON.stringify(
      await Promise.all([
        db.prisma.customer.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.vehicle.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.serviceAddress.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.serviceType.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.technician.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.workingHours.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.timeOff.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.workOrder.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.workOrderEvent.count({ where }),
        db.prisma.invoice.count({ where }),
        db.prisma.user.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.apiKey.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.session.count({ where }),
        db.prisma.webhookEndpoint.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.webhookDelivery.findMany({ where, orderBy: { id: 'asc' } }),
        db.prisma.organization.findMany({ orderBy: { id: 'asc' }, select: { id: true, nextWorkOrderNumber: true, nextInvoiceNumber: true } }),
      ]),
    );
  }

  const workOrderInput = () => ({
    customerId: ids.customer,
    vehicleId: ids.vehicle,
    serviceTypeId: ids.serviceType,
    serviceAddressId: ids.address,
    windowStart: new Date('2026-12-02T15:00:00Z'),
  });

  // [command, input, callers the table refuses]
  const cases: [string, () => [Command<never, unknown>, unknown], () => Caller[]][] = [
    ['createCustomer', () => [createCustomer as Command<never, unknown>, { name: 'New' }], () => [as('TECHNICIAN'), as('CUSTOMER'), key('READ'), key('WRITE_WORK_ORDERS')]],
    ['updateCustomer', () => [updateCustomer as Command<never, unknown>, { id: ids.customer, name: 'Renamed' }], () => [as('CUSTOMER'), key('WRITE_SETTINGS')]],
    ['createVehicle', () => [createVehicle as Command<never, unknown>, { customerId: ids.customer, make: 'Ford', model: 'Transit' }], () => [as('TECHNICIAN'), key('READ')]],
    ['updateVehicle', () => [updateVehicle as Command<never, unknown>, { id: ids.vehicle, make: 'Ford' }], () => [as('CUSTOMER'), key('WRITE_WORK_ORDERS')]],
    ['createServiceAddress', () => [createServiceAddress as Command<never, unknown>, { customerId: ids.customer, label: 'Yard', street: '2 Main St', city: 'Chicago', postalCode: '60601' }], () => [as('CUSTOMER'), key('READ')]],
    ['updateServiceAddress', () => [updateServiceAddress as Command<never, unknown>, { id: ids.address, label: 'Depot' }], () => [as('TECHNICIAN'), key('WRITE_SETTINGS')]],
    ['createServiceType', () => [createServiceType as Command<never, unknown>, { name: 'Detailing', defaultPriceMinor: 100, defaultDurationMinutes: 30 }], () => [as('TECHNICIAN'), key('WRITE_CUSTOMERS')]],
    ['updateServiceType', () => [updateServiceType as Command<never, unknown>, { id: ids.serviceType, name: 'Renamed' }], () => [as('CUSTOMER'), key('WRITE_WORK_ORDERS')]],
    ['archiveServiceType', () => [archiveServiceType as Command<never, unknown>, { id: ids.serviceType }], () => [as('TECHNICIAN'), key('READ')]],
    ['deleteServiceType', () => [deleteServiceType as Command<never, unknown>, { id: ids.serviceType }], () => [as('CUSTOMER'), key('WRITE_CUSTOMERS')]],
    ['createTechnician', () => [createTechnician as Command<never, unknown>, { name: 'New Tech', color: '#000000' }], () => [as('TECHNICIAN'), key('WRITE_CUSTOMERS')]],
    ['updateTechnician', () => [updateTechnician as Command<never, unknown>, { id: ids.technician, active: false }], () => [as('TECHNICIAN'), key('READ')]],
    ['setWorkingHours', () => [setWorkingHours as Command<never, unknown>, { technicianId: ids.technician, workingHours: [] }], () => [as('TECHNICIAN'), as('CUSTOMER'), key('WRITE_WORK_ORDERS')]],
    ['addTimeOff', () => [addTimeOff as Command<never, unknown>, { technicianId: ids.technician, startsAt: new Date('2030-01-01T10:00:00Z'), endsAt: new Date('2030-01-01T12:00:00Z'), reason: 'Away' }], () => [as('TECHNICIAN'), key('READ')]],
    ['removeTimeOff', () => [removeTimeOff as Command<never, unknown>, { id: ids.technician }], () => [as('CUSTOMER'), key('WRITE_CUSTOMERS')]],
    ['createUser', () => [createUser as Command<never, unknown>, { email: `new-${organizationId}@example.com`, name: 'New', role: 'ADMIN', password: 'a long enough password' }], () => [as('DISPATCHER'), key('WRITE_SETTINGS')]],
    ['updateUser', () => [updateUser as Command<never, unknown>, { id: ids.user, active: false }], () => [as('DISPATCHER'), key('WRITE_CUSTOMERS')]],
    ['createApiKey', () => [createApiKey as Command<never, unknown>, { name: 'Mine', scopes: ['READ'] }], () => [as('DISPATCHER'), key('WRITE_SETTINGS')]],
    ['revokeApiKey', () => [revokeApiKey as Command<never, unknown>, { id: ids.apiKey }], () => [as('DISPATCHER'), key('READ')]],
    ['createWebhookEndpoint', () => [createWebhookEndpoint as Command<never, unknown>, { url: 'https://example.com/new', eventTypes: ['WORK_ORDER_CREATED'] }], () => [as('DISPATCHER'), as('TECHNICIAN'), key('READ'), key('WRITE_SETTINGS')]],
    ['updateWebhookEndpoint', () => [updateWebhookEndpoint as Command<never, unknown>, { id: ids.webhookEndpoint, enabled: false }], () => [as('DISPATCHER'), as('CUSTOMER'), key('WRITE_CUSTOMERS')]],
    ['deleteWebhookEndpoint', () => [deleteWebhookEndpoint as Command<never, unknown>, { id: ids.webhookEndpoint }], () => [as('DISPATCHER'), key('READ')]],
    ['rotateWebhookSecret', () => [rotateWebhookSecret as Command<never, unknown>, { id: ids.webhookEndpoint }], () => [as('TECHNICIAN'), key('WRITE_WORK_ORDERS')]],
    ['replayWebhookDelivery', () => [replayWebhookDelivery as Command<never, unknown>, { id: ids.webhookDelivery }], () => [as('DISPATCHER'), key('READ')]],
    ['replayWebhookDeliveries', () => [replayWebhookDeliveries as Command<never, unknown>, { endpointId: ids.webhookEndpoint, since: new Date(0) }], () => [as('CUSTOMER'), key('WRITE_SETTINGS')]],
    ['sendTestWebhook', () => [sendTestWebhook(memoryBucket(TEST_WEBHOOK_SENDS)) as Command<never, unknown>, { endpointId: ids.webhookEndpoint }], () => [as('DISPATCHER'), key('READ')]],
    ['createWorkOrder', () => [createWorkOrder as Command<never, unknown>, workOrderInput()], () => [as('TECHNICIAN'), as('CUSTOMER'), key('READ'), key('WRITE_CUSTOMERS')]],
    ['createWorkOrders', () => [createWorkOrders as Command<never, unknown>, [workOrderInput()]], () => [as('TECHNICIAN'), key('READ')]],
    ['updateWorkOrder', () => [updateWorkOrder as Command<never, unknown>, { id: ids.workOrder, priceMinor: 1 }], () => [as('TECHNICIAN'), as('CUSTOMER'), key('WRITE_SETTINGS')]],
    ['transitionWorkOrder', () => [transitionWorkOrder as Command<never, unknown>, { id: ids.workOrder, status: 'EN_ROUTE' }], () => [ownCustomer(), key('READ')]],
    ['transitionWorkOrder (cancel)', () => [transitionWorkOrder as Command<never, unknown>, { id: ids.workOrder, status: 'CANCELED', cancelReason: 'No' }], () => [ownTechnician(), ownCustomer(), key('READ')]],
    ['setPassword', () => [setPassword as Command<never, unknown>, { newPassword: 'a long enough password', keepTokenHash: 'x' }], () => [key('WRITE_SETTINGS')]],
    ['endSession', () => [endSession as Command<never, unknown>, { id: ids.user }], () => [key('READ')]],
    ['endOtherSessions', () => [endOtherSessions as Command<never, unknown>, { keepTokenHash: 'x' }], () => [key('WRITE_SETTINGS')]],
    ['foundOrganization', () => [foundOrganization as Command<never, unknown>, { slug: `new-${organizationId}`, name: 'New', timeZone: 'UTC', currency: 'USD', adminEmail: `founder-${organizationId}@example.com`, adminPassword: 'a long enough password' }], () => [as('DISPATCHER'), key('WRITE_SETTINGS')]],
  ];

  for (const [name, make, refused] of cases) {
    it(`refuses ${name} to a caller the table does not allow, writing nothing`, async () => {
      const before = await snapshot();
      const [command, input] = make();
      for (const caller of refused()) {
        await expect(runCommand({ prisma: db.prisma }, caller, command, input as never), `${name} as ${caller.kind === 'user' ? caller.role : caller.scopes}`).rejects.toBeInstanceOf(ForbiddenError);
      }
      expect(await snapshot()).toBe(before);
    });
  }
});
