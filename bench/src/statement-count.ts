import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { withAdmin } from './bench-database.js';
import type { ServerProcess } from './server-process.js';

/**
 * Counts SQL statements per request from PostgreSQL's side: the benchmark database gets
 * `log_min_duration_statement = 0` (ALTER DATABASE, so only new connections of that database log), a
 * fresh server process is started so its pool picks it up, and the lines PostgreSQL writes to its log for
 * that database during N sequential requests are read: each `statement:` (simple protocol) or `execute`
 * (extended protocol) line is one statement, and the durations of all lines (parse, bind, execute) add up
 * to the time PostgreSQL spent per request. This includes the session lookup and everything else the request does.
 */
export interface StatementCount {
  method: string;
  requests: number;
  perRequest: number | null;
  /** PostgreSQL's own time per request (parse + bind + execute durations it logged), in ms. */
  sqlMsPerRequest?: number;
  /** Distinct statements seen, first 100 characters each, with how many times per request and PostgreSQL's ms per request. */
  statements: { sql: string; perRequest: number; msPerRequest: number }[];
  note?: string;
}

function findServerLog(): string | null {
  if (process.env.BENCH_PG_LOG) return process.env.BENCH_PG_LOG;
  const dir = '/var/log/postgresql';
  if (!existsSync(dir)) return null;
  const logs = readdirSync(dir).filter((f) => /^postgresql-.*\.log$/.test(f));
  logs.sort((a, b) => statSync(`${dir}/${b}`).mtimeMs - statSync(`${dir}/${a}`).mtimeMs);
  return logs[0] ? `${dir}/${logs[0]}` : null;
}

function readFrom(path: string, offset: number): string {
  const size = statSync(path).size;
  if (size <= offset) return '';
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

export async function countStatements(options: {
  databaseName: string;
  start: () => Promise<ServerProcess>;
  request: () => Promise<void>;
  requests?: number;
  /** Requests made before counting, default 3. */
  warmUps?: number;
}): Promise<StatementCount> {
  const requests = options.requests ?? 20;
  const method = 'PostgreSQL log_min_duration_statement=0 on the benchmark database: statement/execute lines and their durations, per request';
  const logPath = await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ path: string | null }>('SELECT pg_current_logfile() AS path');
    const dataDir = rows[0]?.path ? (await admin.query<{ d: string }>('SHOW data_directory')).rows[0]!.d : null;
    return rows[0]?.path ? `${dataDir}/${rows[0].path}` : findServerLog();
  });
  if (!logPath || !existsSync(logPath)) {
    return { method, requests: 0, perRequest: null, statements: [], note: 'PostgreSQL server log not found (set BENCH_PG_LOG)' };
  }
  await withAdmin((admin) => admin.query(`ALTER DATABASE "${options.databaseName}" SET log_min_duration_statement = 0`));
  const server = await options.start();
  try {
    for (let i = 0; i < (options.warmUps ?? 3); i++) await options.request();
    await new Promise((r) => setTimeout(r, 300));
    const offset = statSync(logPath).size;
    for (let i = 0; i < requests; i++) await options.request();
    await new Promise((r) => setTimeout(r, 500));
    const marker = `@${options.databaseName} LOG:  `;
    const counts = new Map<string, { n: number; ms: number }>();
    let total = 0;
    let sqlMs = 0;
    for (const line of readFrom(logPath, offset).split('\n')) {
      const at = line.indexOf(marker);
      if (at < 0) continue;
      const message = line.slice(at + marker.length);
      const match = /^duration: ([\d.]+) ms {2}(statement|parse|bind|execute)[^:]*: (.*)$/.exec(message);
      if (!match) continue;
      const ms = Number(match[1]);
      sqlMs += ms;
      const sql = match[3]!.replace(/\s+/g, ' ').slice(0, 100);
      const entry = counts.get(sql) ?? { n: 0, ms: 0 };
      entry.ms += ms;
      counts.set(sql, entry);
      if (match[2] !== 'statement' && match[2] !== 'execute') continue;
      total += 1;
      entry.n += 1;
    }
    return {
      method,
      requests,
      perRequest: total / requests,
      sqlMsPerRequest: sqlMs / requests,
      statements: [...counts].map(([sql, { n, ms }]) => ({ sql, perRequest: n / requests, msPerRequest: ms / requests })),
    };
  } finally {
    await server.stop();
    await withAdmin((admin) => admin.query(`ALTER DATABASE "${options.databaseName}" RESET log_min_duration_statement`));
  }
}
