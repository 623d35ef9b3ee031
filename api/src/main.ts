import { openDatabase, targetFromEnv } from './db/database.js';
import { applyMigrations } from './db/migrations.js';
import { startApp } from './server.js';
import { cursorKey } from './pagination/cursor-secret.js';
import { startJobQueue } from './jobs/queue.js';
import { jobSettingsFromEnv } from './jobs/settings.js';
import { crontab, tasksWith } from './jobs/tasks.js';
import { seedDemo } from '../../prisma/seed.js';

// Read at start, so that a bad CURSOR_SECRET or job setting stops the process before it serves anything.
cursorKey();
const { inProcess, ...jobSettings } = jobSettingsFromEnv();
const target = targetFromEnv();
const db = openDatabase(target);
const applied = await applyMigrations(db.adapterFactory);
if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
if (target.kind === 'pglite' && (await db.prisma.organization.count()) === 0) {
  console.log(`Seeded the embedded database: ${(await seedDemo(db.prisma)).join(', ')}`);
}

const jobs = await startJobQueue(db, { runWorker: inProcess, settings: jobSettings, tasks: tasksWith({ prisma: db.prisma }), crontab });
const port = Number(process.env.PORT ?? 4000);
const app = await startApp(db);
app.server.listen(port, () => {
  const where = target.kind === 'pglite' ? `embedded PGlite (${target.dataDir ?? 'in memory'})` : 'PostgreSQL';
  console.log(`Dispatch API on http://localhost:${port}/graphql, data in ${where}${inProcess ? ', running jobs' : ''}`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    console.log(`${signal}: finishing in-flight requests and running jobs, then closing`);
    await app.close();
    await jobs.stop();
    await db.close();
    process.exit(0);
  });
}
