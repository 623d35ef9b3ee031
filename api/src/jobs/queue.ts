import pg from 'pg';
import { Logger, run, runMigrations, type LogFunctionFactory, type Runner, type TaskList } from 'graphile-worker';
import type { Database } from '../db/database.js';
import { servePGlite } from './pglite-socket.js';
import type { JobSettings } from './settings.js';

export interface JobQueueOptions {
  /** Whether this process runs a worker; without one it only migrates the queue (and enqueues through enqueueJob). */
  runWorker: boolean;
  settings: Omit<JobSettings, 'inProcess'>;
  /** The tasks and the crontab: jobs/tasks.ts in production, others in tests. */
  tasks: TaskList;
  crontab: string;
}

export interface JobQueue {
  /** The running worker, null when this process runs none. */
  runner: Runner | null;
  /** Lets running jobs finish, then stops the worker and gives its connections back. */
  stop(): Promise<void>;
}

// graphile-worker says every finished job at info level; under test only what went wrong is shown.
const logFactory: LogFunctionFactory = () => (level, message) => {
  if (level === 'error') console.error(message);
  else if (level === 'warning') console.warn(message);
  else if (level === 'info' && process.env.NODE_ENV !== 'test') console.log(message);
};

type QueueDatabase = Pick<Database, 'target' | 'pglite'>;

/** graphile-worker's connection to the database; on the embedded one, through a socket server of its own. */
async function connect(db: QueueDatabase, concurrency: number) {
  const socket = db.target.kind === 'pglite' ? await servePGlite(db.pglite!, concurrency + 4) : null;
  return {
    options: {
      connectionString: db.target.kind === 'postgres' ? db.target.url : socket!.connectionString,
      // Named statements belong to a session, and the socket's clients share PGlite's one session.
      noPreparedStatements: socket !== null,
      maxPoolSize: concurrency + 2,
      logger: new Logger(logFactory),
    },
    close: async () => socket?.stop(),
  };
}

/** Installs or upgrades graphile-worker's schema (graphile-worker takes a lock, so processes may race). */
export async function migrateJobQueue(db: QueueDatabase, taskNames: readonly string[] = []): Promise<void> {
  const connection = await connect(db, 1);
  try {
    await runMigrations(connection.options);
    // Known tasks up front (a worker registers its own when it starts): otherwise the first two transactions
    // to enqueue a new task would wait on each other's uncommitted registration of it.
    if (taskNames.length) await registerTasks(connection.options.connectionString, taskNames);
  } finally {
    await connection.close();
  }
}

/**
 * Brings graphile-worker's schema up to date (so that enqueueJob works in any process) and, when asked,
 * runs a worker with the tasks and the crontab. On PostgreSQL the worker has a pool of its own and is
 * woken by LISTEN/NOTIFY; on the embedded database it connects through a local socket server (PGlite is
 * one session in this process) and finds new jobs by polling: a notification raised by the API's own
 * queries is read by PGlite in this process and never reaches a socket client.
 */
export async function startJobQueue(db: QueueDatabase, options: JobQueueOptions): Promise<JobQueue> {
  if (!options.runWorker) {
    await migrateJobQueue(db, Object.keys(options.tasks));
    return { runner: null, stop: async () => {} };
  }
  const { concurrency, pollInterval } = options.settings;
  const connection = await connect(db, concurrency);
  try {
    // run() migrates the schema first.
    const runner = await run({
      ...connection.options,
      concurrency,
      pollInterval,
      noHandleSignals: true,
      taskList: options.tasks,
      crontab: options.crontab,
    });
    return {
      runner,
      async stop() {
        await runner.stop();
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

async function registerTasks(connectionString: string, taskNames: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('INSERT INTO graphile_worker._private_tasks (identifier) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [taskNames]);
  } finally {
    await client.end();
  }
}
