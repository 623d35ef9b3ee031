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
