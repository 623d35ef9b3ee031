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
