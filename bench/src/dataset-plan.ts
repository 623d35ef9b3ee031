/**
 * The shape of the benchmark's business, as numbers: one organization, its people and fleet, and how
 * many work orders fall on each day. Pure (no I/O), so the loader only turns it into SQL.
 */
export const ORGANIZATION = { slug: 'bench-mobile-service', name: 'Bench Mobile Service', timeZone: 'America/Chicago', currency: 'USD' };
export const TECHNICIANS = 50;
export const CUSTOMERS = 5_000;
export const VEHICLES = 8_000;
/** The day every read and subscription looks at: a Tuesday, "today" in the dataset. */
export const BUSY_DAY = '2026-06-16';
export const BUSY_DAY_WORK_ORDERS = 600;
/** Every other day holds fewer than the busy day. */
const MAX_OTHER_DAY = 560;
/** 100,000 work orders over a year. */
export const AVERAGE_PER_DAY = 274;
/** Jobs start on the hour from 07:00 local, one hour per slot, so 12 slots per technician at most. */
export const FIRST_SLOT_HOUR = 7;

/** Sunday-first weekday weights: weekdays are busy, weekends quiet. */
const WEEKDAY_WEIGHT = [0.35, 1.2, 1.15, 1.15, 1.15, 1.1, 0.6];

export interface DayCount {
  /** Days from the busy day (negative: history, 0: the busy day, positive: booked ahead). */
  offset: number;
  count: number;
}

/** A small deterministic generator, so that the same flags give the same dataset. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function weekdayOf(offset: number): number {
  const day = new Date(`${BUSY_DAY}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + offset);
  return day.getUTCDay();
}

/** Spreads `total` work orders over the given days with weekday weights and some noise, summing exactly. */
export function spread(offsets: number[], total: number, seed: number): DayCount[] {
  const random = prng(seed);
  const weights = offsets.map((offset) => WEEKDAY_WEIGHT[weekdayOf(offset)]! * (0.8 + 0.4 * random()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.min(MAX_OTHER_DAY, Math.floor((w / sum) * total)));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % counts.length) {
    if (counts[i]! < MAX_OTHER_DAY) {
      counts[i]! += 1;
      missing -= 1;
    }
  }
  return offsets.map((offset, i) => ({ offset, count: counts[i]! }));
}

/**
 * The main dataset: `total` work orders on consecutive days at the year's average density, the busy
 * day in the middle with 600, half the days before it (finished jobs) and half after (booked).
 */
export function mainDays(total: number): DayCount[] {
  const others = total - BUSY_DAY_WORK_ORDERS;
  const days = Math.max(2, Math.ceil(others / AVERAGE_PER_DAY));
  const before = Math.floor(days / 2);
  const offsets = Array.from({ length: days }, (_, i) => (i < before ? i - before : i - before + 1));
  return [{ offset: 0, count: BUSY_DAY_WORK_ORDERS }, ...spread(offsets, others, total)].sort((a, b) => a.offset - b.offset);
}

/** More history, before `earliestOffset`, at the same density: the table grows, the busy day does not. */
export function historyDays(earliestOffset: number, total: number): DayCount[] {
  const days = Math.ceil(total / AVERAGE_PER_DAY);
  const offsets = Array.from({ length: days }, (_, i) => earliestOffset - days + i);
  return spread(offsets, total, total + earliestOffset);
}

export const SCALES: Record<string, number> = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };

export function parseScale(text: string): number {
  const value = SCALES[text.toLowerCase()];
  if (!value) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')} (got ${text})`);
  return value;
}

export function scaleLabel(total: number): string {
  return total >= 1_000_000 ? `${total / 1_000_000}m` : `${total / 1_000}k`;
}
