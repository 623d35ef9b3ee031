import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CHARACTERS } from '../../src/domain/text-limits.js';
import { createCustomer } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';
import { gid, newWorkOrderInput } from '../support/world.js';

/** One character each, as a person sees it: a mechanic with a skin tone (7 UTF-16 code units), a letter with two accents (3). */
const MECHANIC = '👩🏽‍🔧';
const ACCENTED = 'a\u0301\u0308';

const answer = (mutation: string, input: string) => `mutation ($input: ${input}!) { ${mutation}(input: $input) {
  __typename ... on Error { message } ... on ValidationError { fieldErrors { path message } } } }`;

/** Text inputs at their limit, from several types: each limit counts characters, not code units. */
describe('text limits count characters as a person sees them', () => {
  const { db, world } = worldForFile();

  const cases: { mutation: string; input: string; field: string; max: number; fields: (text: string) => Record<string, unknown> }[] = [
    { mutation: 'createCustomer', input: 'CreateCustomerInput', field: 'name', max: MAX_CHARACTERS.customerName, fields: (name) => ({ name }) },
    { mutation: 'createTechnician', input: 'CreateTechnicianInput', field: 'name', max: MAX_CHARACTERS.technicianName, fields: (name) => ({ name, color: '#2563eb' }) },
    {
      mutation: 'createServiceType',
      input: 'CreateServiceTypeInput',
      field: 'description',
      max: MAX_CHARACTERS.serviceTypeDescription,
      fields: (description) => ({ name: `Detailing ${randomUUID()}`, description, defaultPriceMinor: 5000, defaultDurationMinutes: 60 }),
    },
    {
      mutation: 'createVehicle',
      input: 'CreateVehicleInput',
      field: 'notes',
      max: MAX_CHARACTERS.vehicleNotes,
      fields: (notes) => ({ customerId: gid('Customer', world.customer.customer.id), make: 'Ford', model: 'Transit', notes }),
    },
    {
      mutation: 'createServiceAddress',
      input: 'CreateServiceAddressInput',
      field: 'street',
      max: MAX_CHARACTERS.street,
      fields: (street) => ({ customerId: gid('Customer', world.customer.customer.id), label: 'Depot', street, city: 'Springfield', postalCode: '62701' }),
    },
    { mutation: 'createApiKey', input: 'CreateApiKeyInput', field: 'name', max: MAX_CHARACTERS.apiKeyName, fields: (name) => ({ name, scopes: ['READ'] }) },
    {
      mutation: 'createUser',
      input: 'CreateUserInput',
      field: 'name',
      max: MAX_CHARACTERS.userName,
      fields: (name) => ({ email: `${randomUUID()}@dispatch.test`, name, role: 'DISPATCHER', password: 'correct horse battery staple' }),
    },
    { mutation: 'createWorkOrder', input: 'CreateWorkOrderInput', field: 'internalNotes', max: MAX_CHARACTERS.workOrderNotes, fields: (internalNotes) => newWorkOrderInput(world, { internalNotes }) },
    {
      mutation: 'createWebhookEndpoint',
      input: 'CreateWebhookEndpointInput',
      field: 'description',
      max: MAX_CHARACTERS.webhookDescription,
      fields: (description) => ({ url: `https://hooks.example.com/${randomUUID()}`, eventTypes: ['WORK_ORDER_CREATED'], description }),
    },
  ];

  it.each(cases)('$mutation takes $max characters in $field, of emoji or of accented letters, and refuses one more', async ({ mutation, input, field, max, fields }) => {
    const send = async (text: string) => (await world.api.ok(answer(mutation, input), { input: fields(text) }, world.tokens.admin))[mutation];
    for (const character of [MECHANIC, ACCENTED]) {
      const taken = await send(character.repeat(max));
      expect(taken.__typename, `${character} × ${max}`).toBe(`Mutation${mutation[0]!.toUpperCase()}${mutation.slice(1)}Success`);
      const refused = await send(character.repeat(max + 1));
      expect(refused, `${character} × ${max + 1}`).toEqual({ __typename: 'ValidationError', message: `input.${field}: At most ${max} characters`, fieldErrors: [{ path: ['input', field], message: `At most ${max} characters` }] });
    }
  });

  it('counts a search term the same way: 100 emoji are a search, 101 are refused', async () => {
    const wheels = '🛞'.repeat(MAX_CHARACTERS.search);
    await createCustomer(db.prisma, world.org.id, { name: `${wheels} Tyres` });
    const search = `query ($search: String) { customers(search: $search, first: 1) { totalCount } }`;
    expect((await world.api.ok(search, { search: wheels }, world.tokens.admin)).customers.totalCount).toBe(1);
    const refused = await world.api.request(search, { search: `${wheels}🛞` }, world.tokens.admin);
    expect(refused.errors?.[0]).toMatchObject({ message: `search: At most ${MAX_CHARACTERS.search} characters`, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('measures a new password only by the password rule: 200 family emoji (2,200 code units) are one, 201 are too many', async () => {
    const family = '👨‍👩‍👧‍👦';
    const create = (password: string) => world.api.ok(answer('createUser', 'CreateUserInput'), { input: { email: `${randomUUID()}@dispatch.test`, name: 'Fam', role: 'DISPATCHER', password } }, world.tokens.admin);
    expect((await create(family.repeat(200))).createUser.__typename).toBe('MutationCreateUserSuccess');
    expect((await create(family.repeat(201))).createUser).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'password'], message: 'At most 200 characters' }] });
  });
});
