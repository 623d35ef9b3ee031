// Stand-in for the job queue module until it lands: the same interface (enqueueJob in the caller's transaction).
import type { Transaction } from '../db/types.js';

export interface JobOptions {
  runAt?: Date;
  jobKey?: string;
  queueName?: string;
  maxAttempts?: number;
}

export async function enqueueJob(tx: Transaction, taskName: string, payload: unknown, options: JobOptions = {}): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(${taskName}, ${JSON.stringify(payload)}::json,
    queue_name => ${options.queueName ?? null}, run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? null}::smallint, job_key => ${options.jobKey ?? null})`;
}

/** Several jobs of one task in one statement (graphile_worker.add_jobs), in the caller's transaction. */
export async function enqueueJobs(
  tx: Transaction,
  taskName: string,
  jobs: { payload: unknown; options?: JobOptions }[],
): Promise<void> {
  if (!jobs.length) return;
  const specs = jobs.map(({ payload, options = {} }) => ({
    identifier: taskName,
    payload,
    queue_name: options.queueName ?? null,
    run_at: options.runAt?.toISOString() ?? null,
    max_attempts: options.maxAttempts ?? null,
    job_key: options.jobKey ?? null,
  }));
  await tx.$executeRaw`SELECT graphile_worker.add_jobs(ARRAY(
    SELECT ROW(s.identifier, s.payload, s.queue_name, s.run_at, s.max_attempts, s.job_key, NULL, NULL)::graphile_worker.job_spec
    FROM json_to_recordset(${JSON.stringify(specs)}::json)
      AS s(identifier text, payload json, queue_name text, run_at timestamptz, max_attempts int, job_key text)))`;
}
