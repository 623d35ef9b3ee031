import type { TaskList } from 'graphile-worker';
import { webhookTasks, type WebhookServices } from '../webhooks/tasks.js';
import { deleteExpiredRecords } from './delete-expired-records.js';

/**
 * Every task a worker runs, by name: graphile-worker Task functions. A feature adds its task here and
 * declares its payload in `GraphileWorker.Tasks` next to it; `enqueueJob` then types the payload.
 */
export const tasks: TaskList = {
  deleteExpiredRecords,
};

/** The task list with the tasks that need the process's database client (the webhooks'). */
export function tasksWith(services: WebhookServices): TaskList {
  return { ...tasks, ...webhookTasks(services) };
}

/**
 * Recurring jobs, in graphile-worker's crontab format (UTC). Every worker process runs the schedule and
 * graphile-worker starts each run once. `fill` runs the ones missed while no worker was up, within that time.
 */
export const crontab = ['0 * * * * deleteExpiredRecords ?fill=2h'].join('\n');
