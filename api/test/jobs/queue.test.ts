import type { JobHelpers, TaskList } from 'graphile-worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { startJobQueue, type JobQueue } from '../../src/jobs/queue.js';
import { openTestDatabase } from '../support/database.js';

declare global {
  namespace GraphileWorker {
    interface Tasks {
      probe: { label: string };
      flaky: { label: string };
      hold: { label: string };
    }
  }
}

/** Waits for `ready()` to hold, checking every 50 ms; fails after a minute with `what`. */
async function until(ready: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const giveUpAt = Date.now() + 60_000;
  while (!(await ready())) {
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface QueuedJob {
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: Date;
  task_identifier: string;
}

describe('background jobs', () => {
  let db: Database;
  const runs: string[] = [];
  const flakyAttempts: number[] = [];
  let releaseHold: () => void = () => {};
  const started = new Set<JobQueue>();

  const tasks: TaskList = {
    probe: async (payload) => void runs.push(payload.label),
    flaky: async (payload, helpers: JobHelpers) => {
      flakyAttempts.push(helpers.job.attempts);
      if (helpers.job.attempts <= 2) throw new Error(`flaky failure ${helpers.job.attempts}`);
      runs.push(payload.label);
    },
    hold: async (payload) => {
      await new Promise<void>((resolve) => (releaseHold = resolve));
      runs.push(payload.label);
    },
  };

  async function worker(concurrency = 2): Promise<JobQueue> {
    const queue = await startJobQueue(db, { runWorker: true, settings: { concurrency, pollInterval: 100 }, tasks, crontab: '' });
    started.add(queue);
    return queue;
  }
  async function stop(queue: JobQueue) {
    started.delete(queue);
    await queue.stop();
  }
  /** The job while it is still in the queue (a completed job leaves it); null once it has left. */
  async function queued(jobId: string): Promise<QueuedJob | null> {
    const [job] = await db.prisma.$queryRaw<QueuedJob[]>`
      SELECT attempts, max_attempts, last_error, run_at, task_identifier FROM graphile_worker.jobs WHERE id = ${jobId}::bigint`;
    return job ?? null;
  }
  const label = (name: string) => `${name}-${process.pid}-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    releaseHold();
    await Promise.all([...started].map(stop));
  });
  afterAll(async () => {
    await db.close();
  });

  it('never runs a job enqueued in a transaction that rolled back, and runs the committed one once', async () => {
    const [rolledBack, committed] = [label('rolled-back'), label('committed')];
    let rolledBackId = '';
    await expect(
      db.prisma.$transaction(async (tx) => {
        rolledBackId = await enqueueJob(tx, 'probe', { label: rolledBack });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const committedId = await db.prisma.$transaction((tx) => enqueueJob(tx, 'probe', { label: committed }));
    expect(await queued(rolledBackId)).toBeNull();
    expect(await queued(committedId)).toMatchObject({ task_identifier: 'probe', attempts: 0 });

    await worker();
    await until(() => runs.includes(committed), 'the committed job runs');
    await until(async () => (await queued(committedId)) === null, 'the completed job leaves the queue');
    expect(runs.filter((run) => run === committed)).toHaveLength(1);
    expect(runs).not.toContain(rolledBack);
  });

  it('retries a job that fails twice, with backoff, recording each attempt, until it succeeds', async () => {
    const flaky = label('flaky');
    flakyAttempts.length = 0;
    const flakyId = await db.prisma.$transaction((tx) => enqueueJob(tx, 'flaky', { label: flaky }, { maxAttempts: 5 }));
    await worker();

    await until(() => flakyAttempts.length === 1, 'the first attempt');
    await until(async () => (await queued(flakyId))?.last_error != null, 'the first failure is recorded');
    const afterFirst = await queued(flakyId);
    expect(afterFirst).toMatchObject({ attempts: 1, max_attempts: 5, last_error: expect.stringContaining('flaky failure 1') });
    // graphile-worker's backoff: the next attempt is due about e^attempts seconds after the failure.
    expect(afterFirst!.run_at.getTime()).toBeGreaterThan(Date.now());

    await until(() => runs.includes(flaky), 'the third attempt succeeds');
    expect(flakyAttempts).toEqual([1, 2, 3]);
    await until(async () => (await queued(flakyId)) === null, 'the succeeded job leaves the queue');
  });

  it('keeps a job that no worker ran across a restart: the next worker runs it', async () => {
    const [held, waiting] = [label('held'), label('waiting')];
    const first = await worker(1);
    const heldId = await db.prisma.$transaction((tx) => enqueueJob(tx, 'hold', { label: held }));
    await until(async () => (await queued(heldId))?.attempts === 1, 'the one slot of the worker is taken');
    const waitingId = await db.prisma.$transaction((tx) => enqueueJob(tx, 'probe', { label: waiting }));

    // The worker shuts down: it finishes the job it holds and takes no other.
    const stopping = stop(first);
    releaseHold();
    await stopping;
    expect(runs).toContain(held);
    expect(runs).not.toContain(waiting);
    expect(await queued(waitingId)).toMatchObject({ attempts: 0 });

    await worker();
    await until(() => runs.includes(waiting), 'the new worker runs the job');
    expect(runs.filter((run) => run === waiting)).toHaveLength(1);
    // Two workers start and stop on the embedded database: longer than the default when the machine is busy.
  }, 90_000);
});
