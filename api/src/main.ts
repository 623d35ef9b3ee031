import { openDatabase, targetFromEnv } from './db/database.js';
import { applyMigrations } from './db/migrations.js';
import { withMigrationLock } from './db/migration-lock.js';
import { startApp } from './server.js';
import { loadWebApp } from './http/web-app.js';
import { cursorKey } from './pagination/cursor-secret.js';
import { productionWarnings, startSettings } from './settings.js';
import { startFailure } from './start-failure.js';
import { migrateJobQueue, startJobQueue } from './jobs/queue.js';
import { jobSettingsFromEnv } from './jobs/settings.js';
import { crontab, tasksWith } from './jobs/tasks.js';
import { seedDemo } from '../../prisma/seed.js';

// The one way the API starts: `pnpm dev` and `pnpm start` serve the API alone; `pnpm start:prod` sets
// NODE_ENV=production and WEB_BUILD_DIR, and the same process serves the built web app beside it.
// Anything that stops it from starting (a bad setting, the database away, the port taken) is said on one
// line and the process exits with 1, before it serves anything.
function refuseToStart(error: unknown): never {
  console.error(`Dispatch did not start: ${startFailure(error)}`);
  process.exit(1);
}

async function start() {
  // Read first, so that a bad setting (CURSOR_SECRET, a job setting, ...) stops the process before it connects.
  const settings = startSettings();
  cursorKey();
  const { inProcess, ...jobSettings } = jobSettingsFromEnv();
  for (const warning of productionWarnings()) console.warn(`Warning: ${warning}`);
  const webApp = settings.webBuildDir ? await loadWebApp(settings.webBuildDir) : undefined;

  const target = targetFromEnv();
  const db = openDatabase(target);
  const taskList = tasksWith({ prisma: db.prisma });
  // Instances starting at once take turns here, so migrations, the job queue's schema and the seed run once.
  await withMigrationLock(
    target,
    async () => {
      const applied = await applyMigrations(db.adapterFactory);
      if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
      // The seed's commands enqueue jobs (webhook fan-out): the queue's schema and tasks come first.
      await migrateJobQueue(db, Object.keys(taskList));
      if (target.kind === 'pglite' && (await db.prisma.organization.count()) === 0) {
        console.log(`Seeded the embedded database: ${(await seedDemo(db.prisma)).join(', ')}`);
      }
    },
    () => console.log('Waiting for another instance to finish migrating the database'),
  );

  const jobs = await startJobQueue(db, { runWorker: inProcess, settings: jobSettings, tasks: taskList, crontab });
  const app = await startApp(db, { webApp });
  await new Promise<void>((listening, fail) => {
    app.server.once('error', fail);
    app.server.listen(settings.port, () => {
      app.server.off('error', fail);
      listening();
    });
  });
  const where = target.kind === 'pglite' ? `embedded PGlite (${target.dataDir ?? 'in memory'})` : 'PostgreSQL';
  const web = webApp ? `, the web app on http://localhost:${settings.port}/` : '';
  console.log(`Dispatch API on http://localhost:${settings.port}/graphql${web}, data in ${where}${inProcess ? ', running jobs' : ''}`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      const drain = settings.drainMs ? `answering /readyz with 503 for ${settings.drainMs / 1000} s, then ` : '';
      console.log(`${signal}: ${drain}closing sockets with 1001, finishing in-flight requests and running jobs`);
      await app.close(settings.drainMs);
      await jobs.stop();
      await db.close();
      process.exit(0);
    });
  }
}

await start().catch(refuseToStart);
