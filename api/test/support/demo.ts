import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import { DEMO_ORGANIZATIONS, seedOrganization } from '../../../prisma/seed.js';
import type { TestApi } from './api.js';

/** The demo seed books and moves a week of jobs through the API's commands: longer than a default hook or test. */
export const SEEDING_TIMEOUT_MS = 180_000;

/**
 * Northwind and Kiwi as the demo seed makes them, under slugs and email domains of their own, so that
 * test files sharing the run's database (and the seed test) never collide.
 */
export async function seedDemoOrganizations(db: Database) {
  const run = randomUUID().slice(0, 8);
  const seeded: Record<string, { id: string; slug: string }> = {};
  for (const plan of DEMO_ORGANIZATIONS) {
    const slug = `${plan.slug}-${run}`;
    await seedOrganization(db.prisma, { ...plan, slug, emailDomain: `${run}.${plan.emailDomain}` }, new Date());
    seeded[plan.slug] = await db.prisma.organization.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true } });
  }
  return { northwind: seeded.northwind!, kiwi: seeded.kiwi! };
}

export type DemoOrganization = 'northwind' | 'kiwi';

/** Each demo organization in turn attacks the other. */
export const ATTACKS: [attacker: DemoOrganization, victim: DemoOrganization][] = [
  ['kiwi', 'northwind'],
  ['northwind', 'kiwi'],
];

/** Both demo organizations, seeded, with a signed-in admin of each: the tenants of the isolation tests. */
export async function demoTenants(api: TestApi) {
  const seeded = await seedDemoOrganizations(api.db);
  const orgIds = {} as Record<DemoOrganization, string>;
  const tokens = {} as Record<DemoOrganization, string>;
  for (const org of ['northwind', 'kiwi'] as const) {
    orgIds[org] = seeded[org].id;
    tokens[org] = await api.signIn(seeded[org].id, 'ADMIN');
  }
  return { orgIds, tokens };
}
