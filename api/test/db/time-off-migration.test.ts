import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { readMigrations } from '../../src/db/migrations.js';
import { createOrganization, createTechnician } from '../support/fixtures.js';

const MIGRATION = 'time_off_no_overlap';
const at = (clock: string) => new Date(`2027-03-01T${clock}:00Z`);

/** A database whose technicians were given overlapping time off before ranges were refused, then migrated. */
describe(`the migration ${MIGRATION}`, () => {
  let db: Database;
  let organizationId: string;
  let joined: string;
  let apart: string;

  beforeAll(async () => {
    db = openDatabase({ kind: 'pglite', dataDir: undefined });
    const migrations = (await readMigrations()).migrationDirectories;
    const index = migrations.findIndex((migration) => migration.path.endsWith(MIGRATION));
    const sqlOf = (i: number) => (migrations[i]!.migrationFile.content as { value: string }).value;
    for (let i = 0; i < index; i++) await db.pglite!.exec(sqlOf(i));

    organizationId = (await createOrganization(db.prisma)).id;
    joined = (await createTechnician(db.prisma, organizationId)).id;
    apart = (await createTechnician(db.prisma, organizationId)).id;
    const range = (technicianId: string, from: string, until: string, reason: string) => ({ organizationId, technicianId, startsAt: at(from), endsAt: at(until), reason });
    await db.prisma.timeOff.createMany({
      data: [
        // A chain: each overlaps the one before, the last only the second. Leave is entered twice.
        range(joined, '09:00', '12:00', 'Leave'),
        range(joined, '11:00', '14:00', 'Leave'),
        range(joined, '10:00', '15:00', 'Doctor'),
        // Touches the chain's end, and one on its own later.
        range(joined, '15:00', '16:00', 'Touching'),
        range(joined, '20:00', '21:00', 'Alone'),
        // The chain's times, for another technician.
        range(apart, '09:00', '15:00', 'Course'),
      ],
    });
    for (let i = index; i < migrations.length; i++) await db.pglite!.exec(sqlOf(i));
  });
  afterAll(() => db.close());

  const rangesOf = async (technicianId: string) =>
    (await db.prisma.timeOff.findMany({ where: { technicianId }, orderBy: { startsAt: 'asc' } })).map((range) => ({
      from: range.startsAt.toISOString().slice(11, 16),
      until: range.endsAt.toISOString().slice(11, 16),
      reason: range.reason,
    }));

  it('joins ranges that overlap into the earliest one, to the latest end, with each reason once, in order', async () => {
    expect(await rangesOf(joined)).toEqual([
      { from: '09:00', until: '15:00', reason: 'Leave; Doctor' },
      { from: '15:00', until: '16:00', reason: 'Touching' },
      { from: '20:00', until: '21:00', reason: 'Alone' },
    ]);
  });

  it("leaves other technicians' ranges and ranges that only touch as they were", async () => {
    expect(await rangesOf(apart)).toEqual([{ from: '09:00', until: '15:00', reason: 'Course' }]);
  });

  it('refuses overlapping time off from then on, and still takes a range that touches', async () => {
    const data = { organizationId, technicianId: joined, reason: 'New' };
    await expect(db.prisma.timeOff.create({ data: { ...data, startsAt: at('14:00'), endsAt: at('17:00') } })).rejects.toThrow(/TimeOff_no_overlap/);
    await expect(db.prisma.timeOff.create({ data: { ...data, startsAt: at('16:00'), endsAt: at('17:00') } })).resolves.toBeDefined();
  });
});
