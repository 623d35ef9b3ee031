import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { percentile, type LoadResult } from './http-load.js';
import type { BoardRenderResult } from './scenarios/board-render.js';
import type { ScheduleReadResult } from './scenarios/schedule-read.js';
import type { StatusWritesResult } from './scenarios/status-writes.js';
import type { FanOutResult } from './scenarios/fan-out.js';
import type { GrowthResult } from './scenarios/growth.js';
import type { WebhooksResult } from './scenarios/webhooks.js';
import type { TargetCheck } from './targets.js';

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  machine: { node: string; cpus: number; cpuModel: string; memoryGiB: number; postgres: string };
  /** 1-minute load average when each section started and at the end: other work on the machine shows here. */
  loadAverage: Record<string, number>;
  options: Record<string, unknown>;
  dataset?: { database: string; loadSeconds: number; rows: Record<string, number> };
  schedule?: ScheduleReadResult;
  writes?: StatusWritesResult;
  fanOut?: FanOutResult;
  webhooks?: WebhooksResult;
  growth?: GrowthResult;
  board?: BoardRenderResult;
  targets: TargetCheck[];
}

export function machine(postgres: string): BenchResults['machine'] {
  return {
    node: process.versions.node,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    postgres,
  };
}

export const loadAverageNow = () => Number(loadavg()[0]!.toFixed(2));

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const ms = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const num = (n: number | undefined, digits = 0) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const verdict = (met: boolean | null) => (met === null ? 'not judged' : met ? 'met' : 'NOT MET');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function loadCells(load: LoadResult | undefined): string[] {
  return [num(load?.requestsPerSecond, 1), ms(load?.p50Ms), ms(load?.p99Ms)];
}

/** The one table of a run, as Markdown (the README quotes it). */
export function renderTables(results: BenchResults): string {
  const out: string[] = [];
  const { schedule, writes, fanOut, webhooks, growth, board } = results;
  if (schedule) {
    out.push(`Schedule read: ${schedule.date}, ${schedule.workOrdersOnDay} work orders on the day`);
    const rows: string[][] = [];
    for (const system of ['api', 'postgraphile', 'raw'] as const) {
      const s = schedule.systems[system];
      const label = { api: 'this API', postgraphile: 'PostGraphile 5', raw: 'raw SQL (1 statement)' }[system];
      if (s.notRun) {
        rows.push([label, s.notRun, '', '', '', '', '', '']);
        continue;
      }
      rows.push([
        label + (s.note ? ' *' : ''),
        ...loadCells(s.load?.['1']),
        ...loadCells(s.load?.['16']),
        `${num(s.statements?.busyDay.perRequest ?? undefined, 1)} / ${num(s.statements?.quietDay.perRequest ?? undefined, 1)}`,
      ]);
    }
    out.push(table(['system', 'req/s x1', 'p50 ms x1', 'p99 ms x1', 'req/s x16', 'p50 ms x16', 'p99 ms x16', 'SQL/request (busy / empty day)'], rows));
    const note = Object.values(schedule.systems).find((s) => s.note);
    if (note) out.push(`* ${note.note}`);
    out.push('');
  }
  if (writes) {
    out.push('Status writes (transitionWorkOrder)');
    out.push(
      table(
        ['clients', 'transitions/s', 'p50 ms', 'p99 ms', 'not acknowledged'],
        Object.entries(writes.runs).map(([c, r]) => [c, num(r.requestsPerSecond), ms(r.p50Ms), ms(r.p99Ms), JSON.stringify(r.failures)]),
      ),
    );
    out.push(`Acknowledged ${writes.acknowledged}, found in the event log ${writes.inEventLog}, missing ${writes.missingFromEventLog}`);
    out.push('');
  }
  if (fanOut) {
    out.push('Fan-out: scheduleChanged subscribers of the busy day, one transition; delivery from the mutation\'s request (and from its response)');
    out.push(
      table(
        ['subscribers', 'client processes', 'p50 ms', 'p99 ms', 'max ms', 'p99 from response', 'lost', 'RSS baseline', 'RSS idle', 'RSS peak', 'per idle subscriber'],
        fanOut.levels.map((l) => [
          l.subscribers.toLocaleString('en-US'),
          String(l.clientProcesses),
          ms(l.deliveryFromRequestMs?.p50),
          ms(l.deliveryFromRequestMs?.p99),
          ms(l.deliveryFromRequestMs?.max),
          ms(l.deliveryMs?.p99),
          String(l.lost + l.connectFailures),
          mib(l.rssBaselineBytes),
          mib(l.rssIdleBytes),
          mib(l.rssPeakBytes),
          `${(l.bytesPerIdleSubscriber / 1024).toFixed(1)} KiB`,
        ]),
      ),
    );
    out.push('');
  }
  if (webhooks) {
    out.push(`Webhooks: ${webhooks.events} status changes to ${webhooks.endpoints} endpoints answering at once; delivery from the mutation's response (after its commit)`);
    out.push(
      table(
        ['deliveries', 'lost', 'p50 ms', 'p99 ms', 'max ms', 'deliveries/s', 'seconds'],
        [[String(webhooks.deliveries), String(webhooks.lost), ms(webhooks.fromCommitMs.p50), ms(webhooks.fromCommitMs.p99), ms(webhooks.fromCommitMs.max), num(webhooks.deliveriesPerSecond), num(webhooks.seconds, 1)]],
      ),
    );
    out.push('');
  }
  if (growth) {
    out.push('Growth: the busy day read with 1 client while the table grows');
    out.push(
      table(
        ['work orders in table', 'on the day', 'API p50 ms', 'API min ms', 'API req/s', 'API SQL ms/read (PostgreSQL)', 'raw p50 ms', 'load average', 'load s'],
        growth.points.map((p) => [
          p.workOrdersInTable.toLocaleString('en-US'),
          String(p.workOrdersOnDay),
          ms(p.api.p50Ms),
          ms(p.api.minMs),
          num(p.api.requestsPerSecond, 1),
          ms(p.apiSql?.sqlMsPerRequest),
          ms(p.raw.p50Ms),
          String(p.loadAverage ?? '-'),
          num(p.loadSeconds),
        ]),
      ),
    );
    out.push('');
  }
  if (board) {
    out.push(`Day board in Chromium: ${board.date}, ${board.workOrders} work orders, ${board.technicians} technicians (ms from navigation start / from the write's request)`);
    out.push(
      table(
        ['measure', 'runs', 'p50 ms', 'min ms', 'max ms'],
        [
          ['schedule answer received', String(board.firstRenderMs.graphqlResponse.length), ms(median(board.firstRenderMs.graphqlResponse)), ms(Math.min(...board.firstRenderMs.graphqlResponse)), ms(Math.max(...board.firstRenderMs.graphqlResponse))],
          ['first render: every block drawn', String(board.firstRenderMs.allBlocks.length), ms(board.firstRenderMs.p50), ms(board.firstRenderMs.min), ms(Math.max(...board.firstRenderMs.allBlocks))],
          ['live update: transition sent → block redrawn', String(board.liveUpdateMs.runs.length), ms(board.liveUpdateMs.p50), ms(Math.min(...board.liveUpdateMs.runs)), ms(board.liveUpdateMs.max)],
        ],
      ),
    );
    out.push(`Longest main-thread task while updates were applied: ${ms(board.longestTaskDuringUpdateMs)} ms`);
    out.push('');
  }
  out.push(`1-minute load average at the start of each section (2 cores): ${Object.entries(results.loadAverage).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('');
  if (results.targets.length) {
    out.push('Targets');
    out.push(table(['section', 'target', 'figure', ''], results.targets.map((t) => [t.section, t.target, t.figure, verdict(t.met)])));
  }
  return out.join('\n');
}

/** bench/results/<date>.json for a full run; a partial run (--only, --fanout) adds its sections to the name. */
export function writeResults(results: BenchResults, directory: string, suffix?: string): string {
  mkdirSync(directory, { recursive: true });
  const path = resolve(directory, `${results.startedAt.slice(0, 10)}${suffix ? `-${suffix}` : ''}.json`);
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
