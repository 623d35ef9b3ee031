import { readFileSync } from 'node:fs';
import { buildSchema, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createCustomer, createOrganization, createServiceType, createTechnician, createWorkOrder } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';
import { createWorld, gid, signedInOrganization, type World } from '../support/world.js';

const SCHEMA = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/** The error selection of a mutation: NotFoundError only where its result union has it (a create of a catalog row does not). */
function errorsOf(name: string) {
  const union = SCHEMA.getType(`Mutation${name[0]!.toUpperCase()}${name.slice(1)}Result`);
  const findsNothing = isUnionType(union) && union.getTypes().some((type) => type.name === 'NotFoundError');
  return `__typename
  ... on Error { message }
  ... on ValidationError { fieldErrors { path message } }${findsNothing ? '\n  ... on NotFoundError { what }' : ''}`;
}

const VEHICLE = 'id year make model vin licensePlate color notes displayName customer { id }';
const ADDRESS = 'id label street city region postalCode accessNotes oneLine customer { id }';
const SERVICE_TYPE = 'id name description defaultPriceMinor defaultPrice { amountMinor currency formatted } defaultDurationMinutes active';
const TECHNICIAN = 'id name phone email color active';

/** The mutations of this file: GraphQL field, input type, and the success payload's selection. */
const MUTATIONS = {
  createVehicle: ['CreateVehicleInput', `vehicle { ${VEHICLE} }`],
  updateVehicle: ['UpdateVehicleInput', `vehicle { ${VEHICLE} }`],
  createServiceAddress: ['CreateServiceAddressInput', `serviceAddress { ${ADDRESS} }`],
  updateServiceAddress: ['UpdateServiceAddressInput', `serviceAddress { ${ADDRESS} }`],
  createServiceType: ['CreateServiceTypeInput', `serviceType { ${SERVICE_TYPE} }`],
  updateServiceType: ['UpdateServiceTypeInput', `serviceType { ${SERVICE_TYPE} }`],
  archiveServiceType: ['ServiceTypeIdInput', `serviceType { ${SERVICE_TYPE} }`],
  deleteServiceType: ['ServiceTypeIdInput', `archived serviceType { ${SERVICE_TYPE} }`],
  createTechnician: ['CreateTechnicianInput', `technician { ${TECHNICIAN} }`],
  updateTechnician: ['UpdateTechnicianInput', `technician { ${TECHNICIAN} }`],
} as const;

type MutationName = keyof typeof MUTATIONS;

const successOf = (name: MutationName) => `Mutation${name[0]!.toUpperCase()}${name.slice(1)}Success`;

describe('the catalog: vehicles, service addresses, service types and technicians', () => {
  const { db, world } = worldForFile();

  const mutate = async (name: MutationName, input: Record<string, unknown>, token = world.tokens.dispatcher) => {
    const [inputType, selection] = MUTATIONS[name];
    const data = await world.api.ok(
      `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${errorsOf(name)} ... on ${successOf(name)} { ${selection} } } }`,
      { input },
      token,
    );
    return data[name];
  };
  const node = async (id: string, token = world.tokens.dispatcher) =>
    (await world.api.ok(`query ($id: ID!) { node(id: $id) { id } }`, { id }, token)).node;
  const fieldPaths = (result: { fieldErrors: { path: string[] }[] }) => result.fieldErrors.map((error) => error.path);
  const counts = () =>
    Promise.all([
      db.prisma.vehicle.count({ where: { organizationId: world.org.id } }),
      db.prisma.serviceAddress.count({ where: { organizationId: world.org.id } }),
      db.prisma.serviceType.count({ where: { organizationId: world.org.id } }),
      db.prisma.technician.count({ where: { organizationId: world.org.id } }),
    ]);
  const customerId = () => gid('Customer', world.customer.customer.id);

  describe('vehicles', () => {
    it('a dispatcher adds a vehicle to a customer and edits it', async () => {
      const created = await mutate('createVehicle', {
        customerId: customerId(),
        year: 2020,
        make: ' Toyota ',
        model: 'Camry',
        vin: '4t1bf1fk5cu123456',
        licensePlate: 'IL ABC 123',
        color: 'Silver',
        notes: 'Keys with the front desk',
      });
      expect(created.__typename).toBe('MutationCreateVehicleSuccess');
      expect(created.vehicle).toMatchObject({
        year: 2020,
        make: 'Toyota',
        model: 'Camry',
        vin: '4T1BF1FK5CU123456',
        displayName: '2020 Toyota Camry',
        customer: { id: customerId() },
      });

      const updated = await mutate('updateVehicle', { id: created.vehicle.id, color: 'Blue', notes: null });
      expect(updated.vehicle).toMatchObject({ make: 'Toyota', color: 'Blue', notes: null, licensePlate: 'IL ABC 123' });
      expect(await node(created.vehicle.id)).toEqual({ id: created.vehicle.id });
    });

    it('refuses a bad year, an empty make and a malformed VIN field by field, and writes nothing', async () => {
      const before = await counts();
      const tooNew = new Date().getFullYear() + 3;
      for (const [input, path] of [
        [{ year: 1899 }, ['input', 'year']],
        [{ year: tooNew }, ['input', 'year']],
        [{ make: '   ' }, ['input', 'make']],
        [{ vin: '1HGCM82633A00435O' }, ['input', 'vin']],
        [{ vin: 'SHORT' }, ['input', 'vin']],
      ] as const) {
        const result = await mutate('createVehicle', { customerId: customerId(), make: 'Ford', model: 'Transit', ...input });
        expect(result.__typename, JSON.stringify(input)).toBe('ValidationError');
        expect(fieldPaths(result)).toEqual([path]);
      }
      const update = await mutate('updateVehicle', { id: gid('Vehicle', world.customer.vehicle.id), year: tooNew });
      expect(update.__typename).toBe('ValidationError');
      expect(await counts()).toEqual(before);
      expect((await db.prisma.vehicle.findUniqueOrThrow({ where: { id: world.customer.vehicle.id } })).year).toBe(2020);
    });

    it("cannot add a vehicle to another organization's customer", async () => {
      const stranger = await createCustomer(db.prisma, (await createOrganization(db.prisma)).id);
      const before = await db.prisma.vehicle.count({ where: { customerId: stranger.customer.id } });
      const result = await mutate('createVehicle', { customerId: gid('Customer', stranger.customer.id), make: 'Ford', model: 'F-150' });
      expect(result).toMatchObject({ __typename: 'NotFoundError', what: 'Customer' });
      expect(await db.prisma.vehicle.count({ where: { customerId: stranger.customer.id } })).toBe(before);
    });
  });

  describe('service addresses', () => {
    it('a dispatcher adds a service address and edits its access notes', async () => {
      const created = await mutate('createServiceAddress', {
        customerId: customerId(),
        label: 'Depot',
        street: '12 Main St',
        city: 'Chicago',
        region: 'IL',
        postalCode: '60601',
      });
      expect(created.serviceAddress).toMatchObject({ label: 'Depot', oneLine: '12 Main St, Chicago, IL 60601', customer: { id: customerId() } });

      const updated = await mutate('updateServiceAddress', { id: created.serviceAddress.id, accessNotes: 'Gate code 4521', region: null });
      expect(updated.serviceAddress).toMatchObject({ accessNotes: 'Gate code 4521', oneLine: '12 Main St, Chicago, 60601' });
    });

    it('refuses an address without a street, a city or a postal code, and writes nothing', async () => {
      const before = await counts();
      const valid = { customerId: customerId(), label: 'Home', street: '1 Oak Ave', city: 'Evanston', postalCode: '60201' };
      for (const field of ['street', 'city', 'postalCode']) {
        const result = await mutate('createServiceAddress', { ...valid, [field]: ' ' });
        expect(result.__typename, field).toBe('ValidationError');
        expect(fieldPaths(result)).toEqual([['input', field]]);
      }
      expect(await counts()).toEqual(before);
    });

    it('keeps the postal code of an address: an edit cannot blank it', async () => {
      const created = await mutate('createServiceAddress', { customerId: customerId(), label: 'Yard', street: '3 Pine St', city: 'Skokie', postalCode: '60076' });
      const blanked = await mutate('updateServiceAddress', { id: created.serviceAddress.id, postalCode: '  ' });
      expect(blanked.__typename).toBe('ValidationError');
      expect(fieldPaths(blanked)).toEqual([['input', 'postalCode']]);
      const kept = await db.prisma.serviceAddress.findFirstOrThrow({ where: { street: '3 Pine St' } });
      expect(kept.postalCode).toBe('60076');
    });
  });

  describe('service types', () => {
    it('a dispatcher creates a service type and edits its price and duration', async () => {
      const created = await mutate('createServiceType', {
        name: 'Tyre Rotation',
        description: 'All four wheels',
        defaultPriceMinor: 4999,
        defaultDurationMinutes: 30,
      });
      expect(created.serviceType).toMatchObject({
        name: 'Tyre Rotation',
        defaultPriceMinor: 4999,
        defaultPrice: { amountMinor: 4999, currency: 'USD', formatted: '$49.99' },
        defaultDurationMinutes: 30,
        active: true,
      });

      const updated = await mutate('updateServiceType', { id: created.serviceType.id, defaultPriceMinor: 5499, defaultDurationMinutes: 40 });
      expect(updated.serviceType).toMatchObject({ name: 'Tyre Rotation', defaultPriceMinor: 5499, defaultDurationMinutes: 40 });
    });

    it('refuses a negative price, a duration outside 5 to 1440 minutes and an empty name, and writes nothing', async () => {
      const before = await counts();
      const valid = { name: 'Detailing', defaultPriceMinor: 15000, defaultDurationMinutes: 120 };
      for (const [input, path] of [
        [{ defaultPriceMinor: -1 }, ['input', 'defaultPriceMinor']],
        [{ defaultDurationMinutes: 4 }, ['input', 'defaultDurationMinutes']],
        [{ defaultDurationMinutes: 1441 }, ['input', 'defaultDurationMinutes']],
        [{ name: '  ' }, ['input', 'name']],
      ] as const) {
        const result = await mutate('createServiceType', { ...valid, ...input });
        expect(result.__typename, JSON.stringify(input)).toBe('ValidationError');
        expect(fieldPaths(result)).toEqual([path]);
      }
      const update = await mutate('updateServiceType', { id: gid('ServiceType', world.serviceType.id), defaultPriceMinor: -500 });
      expect(update.__typename).toBe('ValidationError');
      expect(await counts()).toEqual(before);
      expect((await db.prisma.serviceType.findUniqueOrThrow({ where: { id: world.serviceType.id } })).defaultPriceMinor).toBe(8999);
    });

    it('answers a duplicate name with a validation error on the name, on create and on rename', async () => {
      const before = await counts();
      const duplicate = await mutate('createServiceType', { name: world.serviceType.name, defaultPriceMinor: 100, defaultDurationMinutes: 15 });
      expect(duplicate.__typename).toBe('ValidationError');
      expect(fieldPaths(duplicate)).toEqual([['input', 'name']]);
      expect(await counts()).toEqual(before);

      const other = await createServiceType(db.prisma, world.org.id, { name: 'Brake Inspection' });
      const rename = await mutate('updateServiceType', { id: gid('ServiceType', other.id), name: world.serviceType.name });
      expect(fieldPaths(rename)).toEqual([['input', 'name']]);
      expect((await db.prisma.serviceType.findUniqueOrThrow({ where: { id: other.id } })).name).toBe('Brake Inspection');
    });

    it('hides archived service types from serviceTypes unless includeArchived, and lists them by name', async () => {
      const { org, token } = await signedInOrganization(world.api, 'DISPATCHER');
      for (const name of ['Wiper Blades', 'Battery Swap', 'Oil Change']) await createServiceType(db.prisma, org.id, { name });
      const names = async (includeArchived?: boolean) =>
        (await world.api.ok(`query ($a: Boolean) { serviceTypes(includeArchived: $a) { name active } }`, { a: includeArchived }, token))
          .serviceTypes.map((type: { name: string }) => type.name);
      const battery = await db.prisma.serviceType.findFirstOrThrow({ where: { organizationId: org.id, name: 'Battery Swap' } });

      const archived = await mutate('archiveServiceType', { id: gid('ServiceType', battery.id) }, token);
      expect(archived.serviceType).toMatchObject({ name: 'Battery Swap', active: false });
      expect(await names()).toEqual(['Oil Change', 'Wiper Blades']);
      expect(await names(true)).toEqual(['Battery Swap', 'Oil Change', 'Wiper Blades']);

      await mutate('updateServiceType', { id: gid('ServiceType', battery.id), active: true }, token);
      expect(await names()).toEqual(['Battery Swap', 'Oil Change', 'Wiper Blades']);
    });

    it('deletes a service type no work order uses', async () => {
      const unused = await createServiceType(db.prisma, world.org.id);
      const result = await mutate('deleteServiceType', { id: gid('ServiceType', unused.id) });
      expect(result).toEqual({ __typename: 'MutationDeleteServiceTypeSuccess', archived: false, serviceType: null });
      expect(await db.prisma.serviceType.findUnique({ where: { id: unused.id } })).toBeNull();
    });

    it('archives instead of deleting a service type a work order uses', async () => {
      const used = await createServiceType(db.prisma, world.org.id, { name: 'Fleet PM Service' });
      await createWorkOrder(db.prisma, { organizationId: world.org.id, customer: world.customer, serviceTypeId: used.id });
      const result = await mutate('deleteServiceType', { id: gid('ServiceType', used.id) });
      expect(result).toMatchObject({ archived: true, serviceType: { name: 'Fleet PM Service', active: false } });
      expect(await db.prisma.serviceType.findUnique({ where: { id: used.id } })).toMatchObject({ active: false });
    });
  });

  describe('technicians', () => {
    it('a dispatcher adds a technician, edits them and takes them off and back on the schedule', async () => {
      const { org, token } = await signedInOrganization(world.api, 'DISPATCHER');
      await createTechnician(db.prisma, org.id, { name: 'Zoe Park' });
      const names = async (includeInactive?: boolean) =>
        (await world.api.ok(`query ($i: Boolean) { technicians(includeInactive: $i) { name } }`, { i: includeInactive }, token))
          .technicians.map((technician: { name: string }) => technician.name);

      const created = await mutate('createTechnician', { name: 'Amir Haddad', phone: '555-0142', email: 'amir@example.com', color: '#DC2626' }, token);
      expect(created.technician).toMatchObject({ name: 'Amir Haddad', color: '#DC2626', active: true });
      expect(await names()).toEqual(['Amir Haddad', 'Zoe Park']);

      const id = created.technician.id;
      const renamed = await mutate('updateTechnician', { id, name: 'Amir H.', color: '#16a34a', email: null }, token);
      expect(renamed.technician).toMatchObject({ name: 'Amir H.', color: '#16a34a', email: null, phone: '555-0142' });

      expect((await mutate('updateTechnician', { id, active: false }, token)).technician.active).toBe(false);
      expect(await names()).toEqual(['Zoe Park']);
      expect(await names(true)).toEqual(['Amir H.', 'Zoe Park']);
      expect((await mutate('updateTechnician', { id, active: true }, token)).technician.active).toBe(true);
      expect(await names()).toEqual(['Amir H.', 'Zoe Park']);
    });

    it('refuses a colour that is not #rrggbb and an empty name, and writes nothing', async () => {
      const before = await counts();
      const short = await mutate('createTechnician', { name: 'Sam Lee', color: '#fff' });
      expect(short.__typename).toBe('ValidationError');
      expect(fieldPaths(short)).toEqual([['input', 'color']]);
      const nameless = await mutate('createTechnician', { name: '', color: '#ffffff' });
      expect(fieldPaths(nameless)).toEqual([['input', 'name']]);
      const recolour = await mutate('updateTechnician', { id: gid('Technician', world.technician.id), color: '#abcdef12' });
      expect(fieldPaths(recolour)).toEqual([['input', 'color']]);
      // Not a colour at all: the HexColorCode scalar refuses it before the mutation runs.
      const notAColour = await world.api.request(
        `mutation ($input: CreateTechnicianInput!) { createTechnician(input: $input) { __typename } }`,
        { input: { name: 'Sam Lee', color: 'blue' } },
        world.tokens.dispatcher,
      );
      expect(notAColour.errors?.[0]?.message).toMatch(/HexColorCode/);
      expect(await counts()).toEqual(before);
      expect((await db.prisma.technician.findUniqueOrThrow({ where: { id: world.technician.id } })).color).toBe('#2563eb');
    });
  });

  describe('who may write', () => {
    const writes = (w: World): [MutationName, Record<string, unknown>][] => [
      ['createVehicle', { customerId: gid('Customer', w.customer.customer.id), make: 'Ford', model: 'Transit' }],
      ['updateVehicle', { id: gid('Vehicle', w.customer.vehicle.id), make: 'Ford' }],
      ['createServiceAddress', { customerId: gid('Customer', w.customer.customer.id), label: 'Yard', street: '9 Elm St', city: 'Joliet', postalCode: '60431' }],
      ['updateServiceAddress', { id: gid('ServiceAddress', w.customer.address.id), label: 'Yard' }],
      ['createServiceType', { name: 'Forbidden Wash', defaultPriceMinor: 100, defaultDurationMinutes: 15 }],
      ['updateServiceType', { id: gid('ServiceType', w.serviceType.id), defaultPriceMinor: 1 }],
      ['archiveServiceType', { id: gid('ServiceType', w.serviceType.id) }],
      ['deleteServiceType', { id: gid('ServiceType', w.serviceType.id) }],
      ['createTechnician', { name: 'Forbidden Tech', color: '#000000' }],
      ['updateTechnician', { id: gid('Technician', w.technician.id), active: false }],
    ];
    const snapshot = (w: World) =>
      Promise.all([
        db.prisma.vehicle.findMany({ where: { organizationId: w.org.id }, orderBy: { id: 'asc' } }),
        db.prisma.serviceAddress.findMany({ where: { organizationId: w.org.id }, orderBy: { id: 'asc' } }),
        db.prisma.serviceType.findMany({ where: { organizationId: w.org.id }, orderBy: { id: 'asc' } }),
        db.prisma.technician.findMany({ where: { organizationId: w.org.id }, orderBy: { id: 'asc' } }),
      ]);

    it('gives a technician, a customer user and a read-only API key a ForbiddenError for every write, and changes nothing', async () => {
      const before = await snapshot(world);
      for (const token of [world.tokens.technician, world.tokens.customer, world.tokens.readKey]) {
        for (const [name, input] of writes(world)) {
          expect((await mutate(name, input, token)).__typename, name).toBe('ForbiddenError');
        }
      }
      expect(await snapshot(world)).toEqual(before);
    });

    it('lets an API key write only what its scopes allow', async () => {
      const settingsKey = await world.api.apiKey(world.org.id, ['WRITE_SETTINGS']);
      const customersKey = await world.api.apiKey(world.org.id, ['WRITE_CUSTOMERS']);
      const technicianInput = { name: 'Keyed Tech', color: '#0f766e' };
      const vehicleInput = { customerId: customerId(), make: 'Ram', model: 'ProMaster' };
      expect((await mutate('createTechnician', technicianInput, settingsKey)).__typename).toBe('MutationCreateTechnicianSuccess');
      expect((await mutate('createVehicle', vehicleInput, settingsKey)).__typename).toBe('ForbiddenError');
      expect((await mutate('createVehicle', vehicleInput, customersKey)).__typename).toBe('MutationCreateVehicleSuccess');
      expect((await mutate('createTechnician', technicianInput, customersKey)).__typename).toBe('ForbiddenError');
    });

    it("lets no user of another organization update, archive, delete or read this organization's rows", async () => {
      const outsider = await createWorld(db);
      const before = await snapshot(world);
      for (const [name, input] of writes(world).filter(([, input]) => 'id' in input)) {
        expect((await mutate(name, input, outsider.tokens.admin)).__typename, name).toBe('NotFoundError');
      }
      for (const [name, input] of writes(world).filter(([, input]) => 'customerId' in input)) {
        expect((await mutate(name, input, outsider.tokens.admin)).__typename, name).toBe('NotFoundError');
      }
      expect(await snapshot(world)).toEqual(before);

      for (const id of [
        gid('Vehicle', world.customer.vehicle.id),
        gid('ServiceAddress', world.customer.address.id),
        gid('ServiceType', world.serviceType.id),
        gid('Technician', world.technician.id),
      ]) {
        expect(await node(id, outsider.tokens.admin), id).toBeNull();
        expect(await node(id, world.tokens.dispatcher), id).toEqual({ id });
      }
    });

    it("shows a customer user their own vehicles and addresses but not another customer's", async () => {
      const own = [gid('Vehicle', world.customer.vehicle.id), gid('ServiceAddress', world.customer.address.id)];
      const others = [gid('Vehicle', world.otherCustomer.vehicle.id), gid('ServiceAddress', world.otherCustomer.address.id)];
      for (const id of own) expect(await node(id, world.tokens.customer), id).toEqual({ id });
      for (const id of others) expect(await node(id, world.tokens.customer), id).toBeNull();
    });
  });
});
