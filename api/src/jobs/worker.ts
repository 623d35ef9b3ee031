// Stand-in for the job runner until it lands.
import { run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import type { Database } from '../db/database.js';
import { webhookTasks, type WebhookServices } from '../webhooks/tasks.js';

export async function installJobQueue(db: Database): Promise<void> {
  if (db.target.kind !== 'postgres') return;
  await runMigrations({ connectionString: db.target.url });
}

export async function startWorker(db: Database, services: WebhookServices): Promise<Runner | null> {
  if (db.target.kind !== 'postgres') return null;
  const taskList: TaskList = { ...webhookTasks(services) };
  return run({ connectionString: db.target.url, concurrency: 10, noHandleSignals: true, pollInterval: 1000, taskList, logger: quietLogger });
}

import { Logger } from 'graphile-worker';
const quietLogger = new Logger(() => (level: string, message: string) => {
  if (level === 'error') console.error(message);
});
