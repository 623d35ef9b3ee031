import { tasks } from '../../src/jobs/tasks.js';

declare global {
  namespace GraphileWorker {
    interface Tasks {
      recordRun: { label: string };
    }
  }
}

/**
 * Imported before a process's entry by tests that count runs across processes: adds a task that writes
 * each run (job id, process) to `job_run`, a table the test makes.
 */
tasks.recordRun = async (payload, helpers) => {
  await helpers.query('INSERT INTO job_run (job_id, label, pid) VALUES ($1, $2, $3)', [helpers.job.id, payload.label, process.pid]);
};
