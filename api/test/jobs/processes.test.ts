import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { IDEMPOTENCY_KEY_KEPT_MS } from '../../src/domain/retention.js';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { startJobQueue } from '../../src/jobs/queue.js';
import { crontab, tasks } from '../../src/jobs/tasks.js';
import { openTestDatabase } from '../support/database.js';
import { createOrganization, createUser } from '../support/fixtures.js';
import { freePort, startInstance, startWorkerProcess, type Instance } from '../support/instance.js';

/** Waits for `ready()` to hold, checking every 100 ms; fails after two minutes with `what`. */
async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  const giveUpAt = Date.now() + 120_000;
  while (!(await ready())) {
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('jobs across processes on one PostgreSQL database', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase();
    await db.prisma.$executeRaw`CREATE TABLE IF NOT EXISTS job_run (job_id text NOT NULL, label text NOT NULL, pid int NOT NULL)`;
  });
  afterAll(async () => {
    await db.close();
  });

  it('runs each committed job exactly once with two API instances and a separate worker all running workers', async () => {
    const processes: Omit<Instance, 'url'>[] = [];
    let withoutWorker: Instance | null = null;
    const options = { imports: ['./test/support/recording-task.ts'], env: { JOBS_POLL_INTERVAL_MS: '200' } };
    try {
      const started = await Promise.all([
        startInstance(inject('databaseUrl'), await freePort(), options),
        startInstance(inject('databaseUrl'), await freePort(), options),
        startWorkerProcess(inject('databaseUrl'), options),
        // An API instance that runs no worker (JOBS_IN_PROCESS=false) only enqueues.
        startInstance(inject('databaseUrl'), await freePort(), { ...options, env: { ...options.env, JOBS_IN_PROCESS: 'false' } }),
      ]);
      withoutWorker = started.pop() as Instance;
      processes.push(...started);
      const label = `exactly-once-${randomUUID()}`;
      const jobIds = await Promise.all(
        Array.from({ length: 40 }, () => db.prisma.$transaction((tx) => enqueueJob(tx, 'recordRun', { label }))),
      );
      const runCount = async () => (await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM job_run WHERE label = ${label}`)[0]!.n;
      const stillQueued = async () =>
        (await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE id = ANY(${jobIds}::bigint[])`)[0]!.n;
      await until(async () => (await runCount()) >= jobIds.length && (await stillQueued()) === 0, 'every job runs and leaves the queue');

      // SIGTERM: each process lets what it runs finish and exits cleanly.
      for (const each of [...processes, withoutWorker]) each.process.kill('SIGTERM');
      expect(await Promise.all([...processes, withoutWorker].map((each) => each.exited))).toEqual([0, 0, 0, 0]);

      const runs = await db.prisma.$queryRaw<{ job_id: string; pid: number }[]>`SELECT job_id, pid FROM job_run WHERE label = ${label}`;
      expect(runs.map((run) => run.job_id).sort()).toEqual([...jobIds].sort());
      const pids = new Set(processes.map((each) => each.process.pid));
      expect(runs.every((run) => pids.has(run.pid))).toBe(true);
    } finally {
      for (const each of [...processes, withoutWorker]) each?.process.kill('SIGKILL');
    }
  }, 240_000);

  it('runs the recurring clean-up from the crontab: ended sessions and day-old idempotency keys go, the rest stays', async () => {
    const org = await createOrganization(db.prisma);
    const user = await createUser(db.prisma, org.id, { name: 'Cron', role: 'ADMIN' });
    const now = Date.now();
    const session = (name: string, data: { expiresAt: Date; revokedAt?: Date }) =>
      db.prisma.session.create({ data: { organizationId: org.id, userId: user.id, tokenHash: `${name}-${randomUUID()}`, ...data } });
    const expired = await session('expired', { expiresAt: new Date(now - 60_000) });
    const signedOut = await session('signed-out', { expiresAt: new Date(now + 3_600_000), revokedAt: new Date(now - 60_000) });
    const live = await session('live', { expiresAt: new Date(now + 3_600_000) });
    const key = (name: string, createdAt: Date) =>
      db.prisma.idempotencyKey.create({
        data: { organizationId: org.id, actorId: `user:${user.id}`, operation: 'createWorkOrder', key: name, requestHash: 'h', response: {}, createdAt },
      });
    await key('day-old', new Date(now - IDEMPOTENCY_KEY_KEPT_MS - 60_000));
    await key('recent', new Date(now - IDEMPOTENCY_KEY_KEPT_MS + 3_600_000));

    // The crontab's hourly run was last made 90 minutes ago, so a worker starting now makes up the missed one.
    await db.prisma.$executeRaw`
      INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
      VALUES ('deleteExpiredRecords', now() - interval '1 day', now() - interval '90 minutes')
      ON CONFLICT (identifier) DO UPDATE SET last_execution = excluded.last_execution`;
    const queue = await startJobQueue(db, { runWorker: true, settings: { concurrency: 1, pollInterval: 200 }, tasks, crontab });
    try {
      const sessionsLeft = () => db.prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
      await until(async () => (await sessionsLeft()).length === 1, 'the ended sessions are deleted');
      expect(await sessionsLeft()).toEqual([{ id: live.id }]);
      expect([expired.id, signedOut.id]).not.toContain(live.id);
      await until(async () => (await db.prisma.idempotencyKey.count({ where: { organizationId: org.id } })) === 1, 'the day-old key is deleted');
      expect(await db.prisma.idempotencyKey.findMany({ where: { organizationId: org.id }, select: { key: true } })).toEqual([{ key: 'recent' }]);
    } finally {
      await queue.stop();
    }
  });
});
