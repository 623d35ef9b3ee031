import { openDatabase, targetFromEnv } from './database.js';
import { applyMigrations, writeMigration } from './migrations.js';
import { withMigrationLock } from './migration-lock.js';

const [command, name] = process.argv.slice(2);

if (command === 'migrate') {
  const target = targetFromEnv();
  const db = openDatabase(target);
  try {
    const applied = await withMigrationLock(target, () => applyMigrations(db.adapterFactory));
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await db.close();
  }
} else if (command === 'migration' && name) {
  const folder = await writeMigration(name);
  console.log(folder ? `Wrote ${folder}` : 'schema.prisma matches the migrations: nothing to write.');
} else {
  console.error('usage: db:migrate | db:migration <name>');
  process.exitCode = 2;
}
