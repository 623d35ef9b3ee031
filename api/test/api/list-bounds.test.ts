import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { MAX_ACTIVE_API_KEYS, MAX_LOGINS, MAX_TECHNICIANS, REVOKED_API_KEYS_LISTED } from '../../src/domain/list-bounds.js';
import { MAX_ENDPOINTS } from '../../src/domain/webhooks.js';
import { COST } from '../../src/limits/policy.js';
import { openTestDatabase } from '../support/database.js';
import { createApiKey, createOrganization } from '../support/fixtures.js';
import { createWorld, gid, type World } from '../support/world.js';

const DAY_MS = 24 * 3_600_000;
const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  __typename ... on ValidationError { fieldErrors { path message } } ... on MutationCreateApiKeySuccess { created { apiKey { id } } } } }`;
const REVOKE_KEY = `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }`;
const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { __typename ... on ValidationError { fieldErrors { path message } } } }`;
const CREATE_TECHNICIAN = `mutation ($input: CreateTechnicianInput!) { createTechnician(input: $input) {
  __typename ... on ValidationError { fieldErrors { path message } } } }`;

/** The lists answered whole are bounded, priced at their bound, and refuse one more past it. */
describe('lists that are not paged', () => {
  let db: Database;
  let world: World;
  const cost = async (query: string, token = world.tokens.admin) =>
    ((await world.api.request(query, {}, token)).extensions?.cost as { requestedQueryCost: number }).requestedQueryCost;

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
  });
  afterAll(async () => {
    await world.api.close();
    await db.close();
  });

  it('prices each at its bound, not at ten items', async () => {
    expect(await cost(`{ apiKeys { id } }`)).toBe((MAX_ACTIVE_API_KEYS + REVOKED_API_KEYS_LISTED.max) * COST.objectField);
    expect(await cost(`{ users { id } }`)).toBe(MAX_LOGINS * COST.objectField);
    expect(await cost(`{ technicians { id } }`)).toBe(MAX_TECHNICIANS * COST.objectField);
    expect(await cost(`{ webhookEndpoints { id } }`)).toBe(MAX_ENDPOINTS * COST.objectField);
    expect(await cost(`{ webhookEndpoints(id: "${gid('WebhookEndpoint', world.org.id)}") { id } }`), 'one endpoint by its ID').toBe(COST.objectField);
    expect(await cost(`{ users { id technician { name } } }`)).toBe(MAX_LOGINS * 2 * COST.objectField);
  });

  it(`refuses a key that works past ${MAX_ACTIVE_API_KEYS}, also to two admins at once, and makes room when one is revoked`, async () => {
    const org = await createOrganization(db.prisma);
    const admin = await world.api.signIn(org.id, 'ADMIN');
    const create = async (name: string) => (await world.api.ok(CREATE_KEY, { input: { name, scopes: ['READ'] } }, admin)).createApiKey;
    for (let index = 0; index < MAX_ACTIVE_API_KEYS - 1; index += 1) await createApiKey(db.prisma, org.id, ['READ']);
    const both = await Promise.all([create('One'), create('Two')]);
    expect(both.map((answer) => answer.__typename).sort()).toEqual(['MutationCreateApiKeySuccess', 'ValidationError']);
    const refused = { __typename: 'ValidationError', fieldErrors: [{ path: ['input'], message: `An organization has at most ${MAX_ACTIVE_API_KEYS} API keys that work: revoke one first` }] };
    expect(both.find((answer) => answer.__typename === 'ValidationError')).toEqual(refused);
    expect(await db.prisma.apiKey.count({ where: { organizationId: org.id, revokedAt: null } })).toBe(MAX_ACTIVE_API_KEYS);
    expect(await create('Three')).toEqual(refused);

    const made = both.find((answer) => answer.__typename === 'MutationCreateApiKeySuccess')!;
    expect((await world.api.ok(REVOKE_KEY, { input: { id: made.created.apiKey.id } }, admin)).revokeApiKey.__typename).toBe('MutationRevokeApiKeySuccess');
    expect((await create('Four')).__typename).toBe('MutationCreateApiKeySuccess');
  });

  it(`lists every key that works and the latest ${REVOKED_API_KEYS_LISTED.max} revoked in ${REVOKED_API_KEYS_LISTED.days} days, newest first`, async () => {
    const org = await createOrganization(db.prisma);
    const admin = await world.api.signIn(org.id, 'ADMIN');
    const now = Date.now();
    const working = await Promise.all([1, 2, 3].map(() => createApiKey(db.prisma, org.id, ['READ'])));
    const revoked = [];
    for (let index = 0; index < REVOKED_API_KEYS_LISTED.max + 10; index += 1) {
      const key = await createApiKey(db.prisma, org.id, ['READ']);
      revoked.push(await db.prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date(now - (index + 1) * 60_000) } }));
    }
    const old = await createApiKey(db.prisma, org.id, ['READ']);
    await db.prisma.apiKey.update({ where: { id: old.id }, data: { revokedAt: new Date(now - (REVOKED_API_KEYS_LISTED.days + 1) * DAY_MS) } });

    const listed: { id: string; createdAt: string }[] = (await world.api.ok(`{ apiKeys { id createdAt } }`, {}, admin)).apiKeys;
    const expected = [...working, ...revoked.slice(0, REVOKED_API_KEYS_LISTED.max)].map((key) => gid('ApiKey', key.id));
    expect(new Set(listed.map((key) => key.id))).toEqual(new Set(expected));
    expect(listed).toHaveLength(expected.length);
    expect(listed.map((key) => key.createdAt)).toEqual(listed.map((key) => key.createdAt).sort().reverse());
  });

  it(`refuses a login past ${MAX_LOGINS}, deactivated ones counted, and a technician past ${MAX_TECHNICIANS}, inactive ones counted`, async () => {
    const org = await createOrganization(db.prisma);
    const admin = await world.api.signIn(org.id, 'ADMIN');
    await db.prisma.user.createMany({
      data: Array.from({ length: MAX_LOGINS - 2 }, (_, index) => ({
        organizationId: org.id,
        email: `login-${index}-${org.id}@test.example`,
        name: `Login ${index}`,
        role: 'DISPATCHER' as const,
        passwordHash: 'x',
        deactivatedAt: index % 2 ? new Date() : null,
      })),
    });
    const login = (index: number) => ({ input: { email: `new-${index}-${org.id}@test.example`, name: 'New Login', role: 'DISPATCHER', password: 'a password long enough 1' } });
    expect((await world.api.ok(CREATE_USER, login(1), admin)).createUser.__typename).toBe('MutationCreateUserSuccess');
    expect((await world.api.ok(CREATE_USER, login(2), admin)).createUser).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['input'], message: `An organization has at most ${MAX_LOGINS} logins, deactivated ones included: reactivate one instead` }],
    });
    expect(await db.prisma.user.count({ where: { organizationId: org.id } })).toBe(MAX_LOGINS);
    expect((await world.api.ok(`{ users { id } }`, {}, admin)).users).toHaveLength(MAX_LOGINS);

    await db.prisma.technician.createMany({
      data: Array.from({ length: MAX_TECHNICIANS - 1 }, (_, index) => ({ organizationId: org.id, name: `Tech ${index}`, color: '#2563eb', active: index % 2 === 0 })),
    });
    const technician = { input: { name: 'One Too Many', color: '#16a34a' } };
    expect((await world.api.ok(CREATE_TECHNICIAN, technician, admin)).createTechnician.__typename).toBe('MutationCreateTechnicianSuccess');
    expect((await world.api.ok(CREATE_TECHNICIAN, technician, admin)).createTechnician).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['input'], message: `An organization has at most ${MAX_TECHNICIANS} technicians, inactive ones included: reactivate one instead` }],
    });
    expect((await world.api.ok(`{ technicians(includeInactive: true) { id } }`, {}, admin)).technicians).toHaveLength(MAX_TECHNICIANS);
  });
});
