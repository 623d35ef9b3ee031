import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { Transaction } from '../../src/db/types.js';
import { afterCommit, runCommand } from '../../src/services/command.js';
import { userCaller } from '../support/callers.js';
import { openTestDatabase } from '../support/database.js';
import * as fixtures from '../support/fixtures.js';

// Only PostgreSQL runs two transactions at once: on the embedded database each waits for the other to end.
describe('two commands that lock the same rows in opposite orders', () => {
  let db: Database;
  let rows: [string, string];

  beforeAll(async () => {
    db = await openTestDatabase();
    rows = [(await fixtures.createOrganization(db.prisma)).id, (await fixtures.createOrganization(db.prisma)).id];
  });
  afterAll(() => db.close());

  const lock = (tx: Transaction, id: string) => tx.$executeRaw`UPDATE "Organization" SET name = name WHERE id = ${id}::uuid`;

  it('both succeed: the one PostgreSQL ends to break the deadlock runs again, and its after-commit work runs once', async () => {
    const attempts = [0, 0];
    const committed: number[] = [];
    let firstLocks = 0;
    const bothHoldTheirFirstRow = () => new Promise<void>((resolve) => {
      const check = () => (firstLocks >= 2 ? resolve() : setTimeout(check, 5));
      check();
    });
    const command = (which: 0 | 1) => async (tx: Transaction) => {
      attempts[which]! += 1;
      await lock(tx, rows[which]);
      if (attempts[which] === 1) {
        firstLocks += 1;
        await bothHoldTheirFirstRow();
      }
      await lock(tx, rows[1 - which]!);
      afterCommit(tx, () => void committed.push(which));
    };
    const caller = userCaller('DISPATCHER');
    await Promise.all([runCommand({ prisma: db.prisma }, caller, command(0), undefined), runCommand({ prisma: db.prisma }, caller, command(1), undefined)]);
    expect(attempts.sort()).toEqual([1, 2]);
    expect(committed.sort()).toEqual([0, 1]);
  });
});
