import type { ScheduleReadResult } from './scenarios/schedule-read.js';
import type { StatusWritesResult } from './scenarios/status-writes.js';
import type { WebhooksResult } from './scenarios/webhooks.js';
import type { FanOutResult } from './scenarios/fan-out.js';
import type { GrowthResult } from './scenarios/growth.js';

/** One target of the issue, judged from the figures of this run. */
export interface TargetCheck {
  section: string;
  target: string;
  figure: string;
  /** null: could not be judged in this run (e.g. the comparison system did not run). */
  met: boolean | null;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export function scheduleTargets(result: ScheduleReadResult): TargetCheck[] {
  const { api, raw, postgraphile } = result.systems;
  const checks: TargetCheck[] = [];
  for (const c of ['1', '16']) {
    const a = api.load?.[c];
    const p = postgraphile.load?.[c];
    const r = raw.load?.[c];
    checks.push({
      section: 'schedule',
      target: `throughput >= PostGraphile's (${c} client${c === '1' ? '' : 's'})`,
      figure: p && a ? `${fmt(a.requestsPerSecond)} vs ${fmt(p.requestsPerSecond)} req/s (${fmt(a.requestsPerSecond / p.requestsPerSecond, 2)}x)` : `PostGraphile ${postgraphile.notRun ?? 'not measured'}`,
      met: p && a ? a.requestsPerSecond >= p.requestsPerSecond : null,
    });
    checks.push({
      section: 'schedule',
      target: `p50 within 2x of raw SQL (${c} client${c === '1' ? '' : 's'})`,
      figure: a && r ? `${fmt(a.p50Ms)} vs ${fmt(r.p50Ms)} ms (${fmt(a.p50Ms / r.p50Ms, 2)}x)` : 'not measured',
      met: a && r ? a.p50Ms <= 2 * r.p50Ms : null,
    });
  }
  const busy = api.statements?.busyDay.perRequest;
  const quiet = api.statements?.quietDay.perRequest;
  checks.push({
    section: 'schedule',
    target: '<= 4 SQL statements per request, whatever the day',
    figure: busy != null && quiet != null ? `${fmt(busy, 1)} (busy day, ${result.workOrdersOnDay} jobs), ${fmt(quiet, 1)} (empty day)` : 'not counted',
    met: busy != null && quiet != null ? busy <= 4 && quiet <= 4 : null,
  });
  return checks;
}

export function writeTargets(result: StatusWritesResult): TargetCheck[] {
  const run = result.runs['16'];
  return [
    {
      section: 'writes',
      target: '>= 1,000 transitions/s at 16 clients',
      figure: run ? `${fmt(run.requestsPerSecond, 0)} /s` : 'not measured',
      met: run ? run.requestsPerSecond >= 1_000 : null,
    },
    {
      section: 'writes',
      target: 'p99 < 50 ms at 16 clients',
      figure: run ? `${fmt(run.p99Ms)} ms` : 'not measured',
      met: run ? run.p99Ms < 50 : null,
    },
    {
      section: 'writes',
      target: 'every acknowledged transition is in the event log',
      figure: `${result.inEventLog} of ${result.acknowledged}`,
      met: result.missingFromEventLog === 0,
    },
  ];
}

export function fanOutTargets(result: FanOutResult): TargetCheck[] {
  const level = result.levels.find((l) => l.subscribers === 10_000) ?? result.levels.at(-1);
  if (!level) return [];
  const n = level.subscribers.toLocaleString('en-US');
  return [
    {
      section: 'fan-out',
      target: `${n} subscribers: p99 delivery < 250 ms (from the mutation's request)`,
      figure: level.deliveryFromRequestMs
        ? `${fmt(level.deliveryFromRequestMs.p99)} ms (from its response: ${fmt(level.deliveryMs!.p99)} ms)`
        : 'nothing delivered',
      met: level.deliveryFromRequestMs ? level.deliveryFromRequestMs.p99 < 250 : false,
    },
    {
      section: 'fan-out',
      target: `${n} subscribers: < 20 KB per idle subscriber`,
      figure: `${fmt(level.bytesPerIdleSubscriber / 1024)} KiB`,
      met: level.bytesPerIdleSubscriber < 20 * 1024,
    },
    {
      section: 'fan-out',
      target: 'no event lost (every level)',
      figure: result.levels.map((l) => `${l.lost + l.connectFailures}`).join(' / '),
      met: result.levels.every((l) => l.lost === 0 && l.connectFailures === 0),
    },
  ];
}

export function growthTargets(result: GrowthResult): TargetCheck[] {
  const first = result.points[0];
  const last = result.points.at(-1);
  if (!first || !last || first === last) return [];
  const ratio = last.api.p50Ms / first.api.p50Ms;
  const sqlFirst = first.apiSql?.sqlMsPerRequest;
  const sqlLast = last.apiSql?.sqlMsPerRequest;
  const range = `${first.workOrdersInTable.toLocaleString('en-US')} → ${last.workOrdersInTable.toLocaleString('en-US')} work orders`;
  return [
    {
      section: 'growth',
      target: `schedule read p50 ${range} < 1.5x`,
      figure: `${fmt(first.api.p50Ms)} → ${fmt(last.api.p50Ms)} ms (${fmt(ratio, 2)}x)`,
      met: ratio < 1.5,
    },
    {
      section: 'growth',
      target: `the read's SQL time in PostgreSQL, ${range} < 1.5x`,
      figure: sqlFirst && sqlLast ? `${fmt(sqlFirst)} → ${fmt(sqlLast)} ms (${fmt(sqlLast / sqlFirst, 2)}x)` : 'not measured',
      met: sqlFirst && sqlLast ? sqlLast / sqlFirst < 1.5 : null,
    },
  ];
}

export function webhookTargets(result: WebhooksResult): TargetCheck[] {
  return [
    {
      section: 'webhooks',
      target: `every one of ${result.events * result.endpoints} deliveries arrives`,
      figure: `${result.deliveries} delivered, ${result.lost} lost`,
      met: result.lost === 0,
    },
  ];
}
