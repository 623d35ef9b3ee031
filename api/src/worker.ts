import { openDatabase, targetFromEnv } from './db/database.js';
import { startJobQueue } from './jobs/queue.js';
import { jobSettingsFromEnv } from './jobs/settings.js';
import { crontab, tasksWith } from './jobs/tasks.js';

// `pnpm worker`: runs jobs and the crontab without serving the API, so that workers scale apart from it.
const target = targetFromEnv();
if (target.kind === 'pglite') {
  console.error('pnpm worker needs DATABASE_URL: the embedded database belongs to the API process, whose own worker runs its jobs.');
  process.exit(2);
}
const { inProcess: _, ...settings } = jobSettingsFromEnv();
// The webhook tasks read and write through the Prisma client.
const db = openDatabase(target);
const jobs = await startJobQueue(db, { runWorker: true, settings, tasks: tasksWith({ prisma: db.prisma }), crontab });
console.log(`Dispatch worker running ${settings.concurrency} jobs at a time on PostgreSQL`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    console.log(`${signal}: letting running jobs finish, then closing`);
    await jobs.stop();
    await db.close();
    process.exit(0);
  });
}
