import { openDatabase, targetFromEnv } from './db/database.js';
import { applyMigrations } from './db/migrations.js';
import { startApp } from './server.js';
import { cursorKey } from './pagination/cursor-secret.js';
import { seedDemo } from '../../prisma/seed.js';

// Read at start, so that a bad CURSOR_SECRET stops the process before it serves anything.
cursorKey();
const target = targetFromEnv();
const db = openDatabase(target);
const applied = await applyMigrations(db.adapterFactory);
if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
if (target.kind === 'pglite' && (await db.prisma.organization.count()) === 0) {
  console.log(`Seeded the embedded database: ${(await seedDemo(db.prisma)).join(', ')}`);
}

const port = Number(process.env.PORT ?? 4000);
const app = await startApp(db);
app.server.listen(port, () => {
  const where = target.kind === 'pglite' ? `embedded PGlite (${target.dataDir ?? 'in memory'})` : 'PostgreSQL';
  console.log(`Dispatch API on http://localhost:${port}/graphql, data in ${where}`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    console.log(`${signal}: finishing in-flight requests, then closing`);
    await app.close();
    await db.close();
    process.exit(0);
  });
}
