import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { applyMigrations, diffMigrationsToSchema, isEmptyScript, readMigrations } from '../../src/db/migrations.js';
import { openTestDatabase } from '../support/database.js';

describe('migrations', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('bring a fresh database exactly to schema.prisma: the diff from the migrations is empty', async () => {
    const script = await diffMigrationsToSchema();
    expect(script).toContain('empty migration');
    expect(isEmptyScript(script)).toBe(true);
  }, 180_000); // the WebAssembly schema engine replays every migration on a shadow database: slow on a busy machine

  it('are recorded in _prisma_migrations and not applied twice', async () => {
    const folders = (await readMigrations()).migrationDirectories.map((d) => d.path);
    const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    expect(await applyMigrations(db.adapterFactory)).toEqual([]);
  });

  it('install the hand-written overlap exclusion constraints: jobs, working hours and time off of one technician', async () => {
    const rows = await db.prisma.$queryRaw<{ conname: string }[]>`
      SELECT conname FROM pg_constraint WHERE contype = 'x'`;
    expect(rows.map((r) => r.conname)).toEqual(expect.arrayContaining(['WorkOrder_technician_no_overlap', 'WorkingHours_no_overlap', 'TimeOff_no_overlap']));
  });
});
