import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN } from '../support/api.js';
import { createTechnician } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';
import { createWorld, gid, type World } from '../support/world.js';

const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) {
    __typename
    ... on Error { message }
    ... on ValidationError { fieldErrors { path message } }
    ... on MutationCreateUserSuccess { user { email role technician { name } customer { name } } }
  }
}`;

describe('logins (admins only)', () => {
  const { db, world } = worldForFile();
  let other: World;
  const create = async (input: Record<string, unknown>, token = world.tokens.admin) => (await world.api.ok(CREATE_USER, { input }, token)).createUser;
  const login = (email: string, password: string) =>
    world.api.ok(`mutation ($input: LoginInput!) { login(input: $input) { __typename ... on MutationLoginSuccess { session { viewer { role technician { name } } } } } }`, { input: { email, password } });

  beforeAll(async () => {
    other = await createWorld(db);
  });
  afterAll(async () => {
    await other.api.close();
  });

  it("creates a technician's login linked to the technician, who can then sign in", async () => {
    const email = `maria-${world.org.id}@test.example`;
    const newcomer = await createTechnician(db.prisma, world.org.id, { name: 'Sam Newcomer' });
    const result = await create({ email, name: 'Sam Newcomer', role: 'TECHNICIAN', password: 'a long enough password', technicianId: gid('Technician', newcomer.id) });
    expect(result.user).toMatchObject({ role: 'TECHNICIAN', technician: { name: 'Sam Newcomer' } });
    expect((await login(email, 'a long enough password')).login.session.viewer).toEqual({ role: 'TECHNICIAN', technician: { name: 'Sam Newcomer' } });
    const again = await create({ email: `again-${world.org.id}@test.example`, name: 'Twin', role: 'TECHNICIAN', password: 'a long enough password', technicianId: gid('Technician', newcomer.id) });
    expect(again.fieldErrors[0].path).toEqual(['input', 'technicianId']);
  });

  it('refuses a technician login without a technician, or with another organization\'s', async () => {
    const base = { email: `t-${world.org.id}@test.example`, name: 'T', role: 'TECHNICIAN', password: 'a long enough password' };
    expect((await create(base)).fieldErrors).toEqual([{ path: ['input', 'technicianId'], message: expect.any(String) }]);
    expect((await create({ ...base, technicianId: gid('Technician', other.technician.id) })).__typename).toBe('ValidationError');
  });

  it('refuses a taken email and a short password, and writes nothing', async () => {
    const before = await db.prisma.user.count();
    const taken = await create({ email: `maria-${world.org.id}@test.example`, name: 'Again', role: 'DISPATCHER', password: 'a long enough password' });
    expect(taken.fieldErrors[0].path).toEqual(['input', 'email']);
    expect((await create({ email: `short-${world.org.id}@test.example`, name: 'S', role: 'DISPATCHER', password: 'short' })).fieldErrors[0].path).toEqual(['input', 'password']);
    expect(await db.prisma.user.count()).toBe(before);
  });

  it("refuses another organization's login email exactly as one of its own, so no admin can take it over or learn whose it is", async () => {
    const theirAdmin = await db.prisma.user.findFirstOrThrow({ where: { organizationId: other.org.id, role: 'ADMIN' } });
    const ourAdmin = await db.prisma.user.findFirstOrThrow({ where: { organizationId: world.org.id, role: 'ADMIN' } });
    const before = await db.prisma.user.count();
    const attempt = (email: string) => create({ email, name: 'x', role: 'ADMIN', password: 'longenoughpassword1' });
    const neutral = { __typename: 'ValidationError', message: expect.any(String), fieldErrors: [{ path: ['input', 'email'], message: 'This email cannot be used for a new login' }] };
    const theirs = await attempt(theirAdmin.email);
    expect(theirs).toEqual(neutral);
    expect(await attempt(theirAdmin.email.toUpperCase())).toEqual(theirs);
    expect(await attempt(ourAdmin.email)).toEqual(theirs);
    expect(await db.prisma.user.count()).toBe(before);

    // The oracle the attacker used: with no second login, a guess at their password never opens their organization.
    const viewerOf = (email: string, password: string) =>
      world.api.ok(`mutation ($input: LoginInput!) { login(input: $input) { __typename ... on MutationLoginSuccess { session { viewer { organization { name } } } } } }`, { input: { email, password } });
    expect((await viewerOf(theirAdmin.email, 'longenoughpassword1')).login.__typename).toBe('ValidationError');
    expect((await viewerOf(theirAdmin.email.toUpperCase(), 'correct horse battery')).login.session.viewer.organization.name).toBe((await db.prisma.organization.findUniqueOrThrow({ where: { id: other.org.id } })).name);
  });

  it('keeps one login per email in the database itself, whatever path writes it', async () => {
    const theirAdmin = await db.prisma.user.findFirstOrThrow({ where: { organizationId: other.org.id, role: 'ADMIN' } });
    await expect(
      db.prisma.user.create({ data: { organizationId: world.org.id, email: theirAdmin.email, name: 'x', role: 'ADMIN', passwordHash: theirAdmin.passwordHash } }),
    ).rejects.toThrow(/Unique constraint/);
  });

  it('lets only admins create and list logins, and lists only their own organization\'s', async () => {
    expect((await create({ email: `d-${world.org.id}@test.example`, name: 'D', role: 'DISPATCHER', password: 'a long enough password' }, world.tokens.dispatcher)).__typename).toBe('ForbiddenError');
    const listed = await world.api.ok(`{ users { id email } }`, {}, world.tokens.admin);
    expect(listed.users.map((u: { email: string }) => u.email)).toContain(`maria-${world.org.id}@test.example`);
    const ids = listed.users.map((u: { id: string }) => u.id);
    const theirs = await db.prisma.user.findMany({ where: { organizationId: other.org.id } });
    for (const user of theirs) expect(ids).not.toContain(gid('User', user.id));
    expect((await world.api.request(`{ users { email } }`, {}, world.tokens.dispatcher)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  describe('changing a login', () => {
    const UPDATE_USER = `mutation ($input: UpdateUserInput!) {
      updateUser(input: $input) {
        __typename
        ... on Error { message }
        ... on ValidationError { fieldErrors { path message } }
        ... on MutationUpdateUserSuccess { user { role active customer { name } } }
      }
    }`;
    const update = async (input: Record<string, unknown>, token = world.tokens.admin) => (await world.api.ok(UPDATE_USER, { input }, token)).updateUser;
    const VIEWER = `{ viewer { role } }`;

    /** A dispatcher login of the world, signed in: its id, email and session token. */
    async function dispatcherLogin() {
      const email = `disp-${Math.random().toString(36).slice(2)}@test.example`;
      const created = await create({ email, name: 'Dee', role: 'DISPATCHER', password: 'a long enough password' });
      expect(created.__typename).toBe('MutationCreateUserSuccess');
      const user = await db.prisma.user.findFirstOrThrow({ where: { email, organizationId: world.org.id } });
      const session = await world.api.ok(LOGIN, { input: { email, password: 'a long enough password' } });
      return { id: user.id, email, token: session.login.session.token as string };
    }

    it('deactivates a login: its session stops working at once and it cannot sign in again until reactivated', async () => {
      const dee = await dispatcherLogin();
      expect((await world.api.ok(VIEWER, {}, dee.token)).viewer.role).toBe('DISPATCHER');
      expect(await update({ id: gid('User', dee.id), active: false })).toMatchObject({ user: { active: false } });
      expect((await world.api.ok(VIEWER, {}, dee.token)).viewer).toBeNull();
      expect((await login(dee.email, 'a long enough password')).login.__typename).toBe('ValidationError');
      expect(await update({ id: gid('User', dee.id), active: true })).toMatchObject({ user: { active: true } });
      expect((await login(dee.email, 'a long enough password')).login.__typename).toBe('MutationLoginSuccess');
    });

    it('changes a role, ending the sessions that carried the old one, and checks the link a role needs', async () => {
      const dee = await dispatcherLogin();
      expect((await update({ id: gid('User', dee.id), role: 'CUSTOMER' })).fieldErrors[0].path).toEqual(['input', 'customerId']);
      expect((await update({ id: gid('User', dee.id), role: 'CUSTOMER', customerId: gid('Customer', other.customer.customer.id) })).__typename).toBe('ValidationError');
      expect((await world.api.ok(VIEWER, {}, dee.token)).viewer.role).toBe('DISPATCHER');
      expect(await update({ id: gid('User', dee.id), role: 'CUSTOMER', customerId: gid('Customer', world.customer.customer.id) })).toMatchObject({
        user: { role: 'CUSTOMER', customer: { name: 'Metro Plumbing' } },
      });
      expect((await world.api.ok(VIEWER, {}, dee.token)).viewer).toBeNull();
    });

    it("refuses an admin demoting or deactivating themselves, a dispatcher changing anyone, and another organization's login", async () => {
      const admin = await db.prisma.user.findFirstOrThrow({ where: { organizationId: world.org.id, role: 'ADMIN' } });
      expect((await update({ id: gid('User', admin.id), active: false })).__typename).toBe('ForbiddenError');
      expect((await update({ id: gid('User', admin.id), role: 'DISPATCHER' })).__typename).toBe('ForbiddenError');
      const dee = await dispatcherLogin();
      expect((await update({ id: gid('User', dee.id), role: 'ADMIN' }, world.tokens.dispatcher)).__typename).toBe('ForbiddenError');
      const theirs = await db.prisma.user.findFirstOrThrow({ where: { organizationId: other.org.id, role: 'DISPATCHER' } });
      expect((await update({ id: gid('User', theirs.id), active: false })).__typename).toBe('NotFoundError');
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: theirs.id } })).deactivatedAt).toBeNull();
      expect((await update({ id: 'not-a-uuid', active: false })).__typename).toBe('ValidationError');
    });

    it("tells the admin which logins they may change: not their own row, but another's", async () => {
      const admin = await db.prisma.user.findFirstOrThrow({ where: { organizationId: world.org.id, role: 'ADMIN' } });
      const dee = await dispatcherLogin();
      const listed = (await world.api.ok(`{ users { id canChange } }`, {}, world.tokens.admin)).users as { id: string; canChange: boolean }[];
      expect(listed.find((user) => user.id === gid('User', admin.id))?.canChange).toBe(false);
      expect(listed.find((user) => user.id === gid('User', dee.id))?.canChange).toBe(true);
    });
  });
});
