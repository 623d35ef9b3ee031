import type { TaskSpec } from 'graphile-worker';
import type { Transaction } from '../db/types.js';

/** When, how often and in which queue a job runs; unset, graphile-worker's defaults (now, 25 attempts, in parallel). */
export type JobOptions = Pick<TaskSpec, 'runAt' | 'maxAttempts' | 'jobKey' | 'queueName' | 'priority'>;

/**
 * Adds a job in the caller's transaction, so that workers see it only once the change that caused it
 * commits, and never if it rolls back. A task's payload type is declared next to the task, in
 * `GraphileWorker.Tasks`. Resolves to the job's id.
 */
export async function enqueueJob<Name extends keyof GraphileWorker.Tasks>(
  tx: Transaction,
  taskName: Name,
  payload: GraphileWorker.Tasks[Name],
  options: JobOptions = {},
): Promise<string> {
  const [job] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM graphile_worker.add_job(
      identifier => ${taskName}::text,
      payload => ${JSON.stringify(payload)}::json,
      queue_name => ${options.queueName ?? null}::text,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text,
      priority => ${options.priority ?? null}::int)`;
  return job!.id;
}

/**
 * Several jobs of one task in one statement (graphile_worker.add_jobs), in the caller's transaction: for
 * a write that makes many at once (a webhook fan-out), where a round trip per job would hold it long.
 */
export async function enqueueJobs<Name extends keyof GraphileWorker.Tasks>(
  tx: Transaction,
  taskName: Name,
  jobs: { payload: GraphileWorker.Tasks[Name]; options?: JobOptions }[],
): Promise<void> {
  if (!jobs.length) return;
  const specs = jobs.map(({ payload, options = {} }) => ({
    identifier: taskName,
    payload,
    queue_name: options.queueName ?? null,
    run_at: options.runAt ? new Date(options.runAt).toISOString() : null,
    max_attempts: options.maxAttempts ?? null,
    job_key: options.jobKey ?? null,
    priority: options.priority ?? null,
  }));
  await tx.$executeRaw`SELECT graphile_worker.add_jobs(ARRAY(
    SELECT ROW(s.identifier, s.payload, s.queue_name, s.run_at, s.max_attempts, s.job_key, s.priority, NULL)::graphile_worker.job_spec
    FROM json_to_recordset(${JSON.stringify(specs)}::json)
      AS s(identifier text, payload json, queue_name text, run_at timestamptz, max_attempts int, job_key text, priority int)))`;
}
