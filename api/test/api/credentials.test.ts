import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { newSecret } from '../../src/auth/secrets.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { issueApiKey, revokeApiKey, signOut } from '../support/credentials.js';
import { createSession } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';

const WHO = `{ viewer { name } technicians { id } }`;

/** Credentials are remembered for a few seconds between requests: none of that may outlive a sign-out, a revocation or an expiry. */
describe('remembered credentials', () => {
  const { db, world } = worldForFile();

  const refused = async (token: string) => {
    const result = await world.api.request(WHO, {}, token);
    return (result.data?.viewer ?? null) === null && result.errors?.[0]?.extensions?.code === 'FORBIDDEN';
  };

  it('refuses a token on the very next request after it signed out', async () => {
    const token = await world.api.signIn(world.org.id, 'DISPATCHER');
    expect((await world.api.ok(WHO, {}, token)).viewer.name).toBe('DISPATCHER user');
    expect(await signOut(world.api, token)).toBe(true);
    expect(await refused(token)).toBe(true);
  });

  it('refuses an API key on the very next request after it was revoked', async () => {
    const { secret, id } = await issueApiKey(world.api, world.tokens.admin, 'Telematics');
    expect((await world.api.ok(WHO, {}, secret)).viewer.name).toBe('Telematics');
    await revokeApiKey(world.api, world.tokens.admin, id);
    expect(await refused(secret)).toBe(true);
  });

  it('refuses a session once it has expired, even one used a moment before', async () => {
    const user = await db.prisma.user.findFirstOrThrow({ where: { organizationId: world.org.id, role: 'DISPATCHER' } });
    const { token } = await createSession(db.prisma, user, new Date(Date.now() + 1_000));
    expect((await world.api.ok(WHO, {}, token)).viewer.name).toBe('DISPATCHER user');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await refused(token)).toBe(true);
  });

  it('refuses a token whose lookup was already under way when it was signed out', async () => {
    const user = await db.prisma.user.findFirstOrThrow({ where: { organizationId: world.org.id, role: 'DISPATCHER' } });
    const { token, session } = await createSession(db.prisma, user, new Date(Date.now() + 60_000));
    // The lookup reads the session as it was before the sign-out, and answers only after it.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slowDatabase = {
      session: { findUnique: async (args: object) => ((row) => answered.then(() => row))(await db.prisma.session.findUnique(args as never)) },
    } as unknown as PrismaClient;
    const credentials = new Credentials(slowDatabase);

    const lookup = credentials.callerOf(token);
    credentials.forget(`session:${session.tokenHash}`);
    answer();
    expect(await lookup).toBeNull();
    expect(await credentials.callerOf(token)).toBeNull();
  });

  it('answers a repeated unknown token without asking the database again, and still lets a token issued since in at once', async () => {
    let queries = 0;
    const counted = db.prisma.$extends({
      query: {
        $allOperations: ({ args, query }) => {
          queries++;
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    const credentials = new Credentials(counted);

    const junk = `junk-${newSecret()}`;
    expect(await credentials.callerOf(junk)).toBeNull();
    const afterFirst = queries;
    expect(afterFirst).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) expect(await credentials.callerOf(junk)).toBeNull();
    expect(queries).toBe(afterFirst);

    const issued = await world.api.signIn(world.org.id, 'DISPATCHER');
    expect((await credentials.callerOf(issued))?.name).toBe('DISPATCHER user');
    expect(queries).toBeGreaterThan(afterFirst);
  });
});
