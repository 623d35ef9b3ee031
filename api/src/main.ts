import { openDatabase, targetFromEnv } from './db/database.js';
import { applyMigrations } from './db/migrations.js';
import { startApp } from './server.js';
import { loadWebApp } from './http/web-app.js';
import { cursorKey } from './pagination/cursor-secret.js';
import { productionWarnings, startSettings } from './settings.js';
import { startJobQueue } from './jobs/queue.js';
import { jobSettingsFromEnv } from './jobs/settings.js';
import { crontab, tasksWith } from './jobs/tasks.js';
import { seedDemo } from '../../prisma/seed.js';

// The one way the API starts: `pnpm dev` and `pnpm start` serve the API alone; `pnpm start:prod` sets
// NODE_ENV=production and WEB_BUILD_DIR, and the same process serves the built web app beside it.
// Read first, so that a bad setting (CURSOR_SECRET, a job setting, ...) stops the process before it serves anything.
const settings = startSettings();
cursorKey();
const { inProcess, ...jobSettings } = jobSettingsFromEnv();
for (const warning of productionWarnings()) console.warn(`Warning: ${warning}`);
const webApp = settings.webBuildDir ? await loadWebApp(settings.webBuildDir) : undefined;

const target = targetFromEnv();
const db = openDatabase(target);
const applied = await applyMigrations(db.adapterFactory);
if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
// The queue first: it migrates its own schema, and the seed's commands enqueue jobs (webhook fan-out).
const jobs = await startJobQueue(db, { runWorker: inProcess, settings: jobSettings, tasks: tasksWith({ prisma: db.prisma }), crontab });
if (target.kind === 'pglite' && (await db.prisma.organization.count()) === 0) {
  console.log(`Seeded the embedded database: ${(await seedDemo(db.prisma)).join(', ')}`);
}
const app = await startApp(db, { webApp });
app.server.listen(settings.port, () => {
  const where = target.kind === 'pglite' ? `embedded PGlite (${target.dataDir ?? 'in memory'})` : 'PostgreSQL';
  const web = webApp ? `, the web app on http://localhost:${settings.port}/` : '';
  console.log(`Dispatch API on http://localhost:${settings.port}/graphql${web}, data in ${where}${inProcess ? ', running jobs' : ''}`);
});

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
