// pnpm bench: loads the dataset, runs the chosen sections, prints one table, writes bench/results/<date>.json.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dropDatabase, freshDatabase, withAdmin, withClient } from './bench-database.js';
import { createDispatcherSessions } from './bench-sessions.js';
import { countRows, loadReferenceData, loadWorkOrders } from './dataset-loader.js';
import { mainDays, scaleLabel } from './dataset-plan.js';
import { parseOptions } from './options.js';
import { loadAverageNow, machine, renderTables, writeResults, type BenchResults } from './report.js';
import { measureBoardRender } from './scenarios/board-render.js';
import { measureFanOut } from './scenarios/fan-out.js';
import { measureGrowth } from './scenarios/growth.js';
import { measureScheduleRead } from './scenarios/schedule-read.js';
import { measureStatusWrites } from './scenarios/status-writes.js';
import { measureWebhooks } from './scenarios/webhooks.js';
import { fanOutTargets, growthTargets, scheduleTargets, webhookTargets, writeTargets } from './targets.js';

const QUIET_DATE = '2030-01-15';
/** Distinct dispatchers the load comes from (the API throttles query cost per user). */
const OFFICE_USERS = 200;
const options = parseOptions(process.argv.slice(2));
const began = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function openFilesLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  return Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? Infinity);
}

const postgres = await withAdmin(async (admin) => (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v);
const results: BenchResults = {
  startedAt: new Date().toISOString(),
  machine: machine(postgres),
  options: { ...options },
  loadAverage: { start: loadAverageNow() },
  targets: [],
};
const section = (name: string) => {
  results.loadAverage[name] = loadAverageNow();
  log(`${name}: 1-minute load average ${results.loadAverage[name]}`);
};

const needsMain = options.sections.some((s) => s !== 'growth');
const databaseName = `dispatch_bench_${scaleLabel(options.scale)}`;
try {
  if (needsMain) {
    if (options.sections.includes('fanout')) {
      const need = Math.max(...options.fanOutLevels) + 200;
      if (openFilesLimit() < need) log(`warning: open-files limit ${openFilesLimit()} is below ${need}; run "ulimit -n ${need}" first`);
    }
    const started = Date.now();
    log(`dataset: recreating ${databaseName} and applying the migrations`);
    const { url } = await freshDatabase(databaseName);
    const subscriberCount = options.sections.includes('fanout') ? Math.max(...options.fanOutLevels) : 0;
    const tokens = await withClient(url, async (client) => {
      await loadReferenceData(client);
      await loadWorkOrders(client, mainDays(options.scale), 1001);
      results.dataset = { database: databaseName, loadSeconds: (Date.now() - started) / 1000, rows: await countRows(client) };
      return createDispatcherSessions(client, OFFICE_USERS + 1 + subscriberCount, OFFICE_USERS);
    });
    log(`dataset: ${JSON.stringify(results.dataset!.rows)} in ${results.dataset!.loadSeconds.toFixed(0)} s`);
    // One session per office user for reads and writes; the fan-out's writer and subscribers after them.
    const officeTokens = tokens.slice(0, OFFICE_USERS);
    const fanOutTokens = tokens.slice(OFFICE_USERS);

    if (options.sections.includes('schedule')) {
      section('schedule');
      results.schedule = await measureScheduleRead({
        databaseName,
        url,
        tokens: officeTokens,
        durationSeconds: options.durationSeconds,
        quietDate: QUIET_DATE,
        log,
      });
      results.targets.push(...scheduleTargets(results.schedule));
    }
    if (options.sections.includes('writes')) {
      section('writes');
      results.writes = await measureStatusWrites({ url, tokens: officeTokens, durationSeconds: options.durationSeconds, log });
      results.targets.push(...writeTargets(results.writes));
    }
    if (options.sections.includes('board')) {
      section('board');
      results.board = await measureBoardRender({ url, token: officeTokens[0]!, log });
    }
    if (options.sections.includes('fanout')) {
      section('fanout');
      results.fanOut = await measureFanOut({ url, tokens: fanOutTokens, levels: options.fanOutLevels, log });
      results.targets.push(...fanOutTargets(results.fanOut));
    }
    if (options.sections.includes('webhooks')) {
      section('webhooks');
      results.webhooks = await measureWebhooks({ url, tokens: officeTokens, log });
      results.targets.push(...webhookTargets(results.webhooks));
    }
    if (!options.keep) await dropDatabase(databaseName);
  }
  if (options.sections.includes('growth')) {
    section('growth');
    results.growth = await measureGrowth({ sizes: options.growthSizes, durationSeconds: options.durationSeconds, keep: options.keep, log });
    results.targets.push(...growthTargets(results.growth));
  }
} finally {
  results.finishedAt = new Date().toISOString();
  results.loadAverage.end = loadAverageNow();
}

const tables = renderTables(results);
console.log(`\n${tables}\n`);
const directory = resolve(import.meta.dirname, '../results');
const path = writeResults(results, directory, options.partial ? options.sections.join('-') : undefined);
log(`results written to ${path}`);
process.exit(0);
