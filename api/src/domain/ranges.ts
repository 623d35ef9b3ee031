/**
 * The values the product takes at its edge: what the business means and what the database holds.
 * Anything outside is refused as bad input before a resolver runs.
 */

/** Jobs are planned, read and filtered from 2000 to 2199: far beyond any real schedule, well inside PostgreSQL's and JavaScript's dates. */
export const BUSINESS_YEARS = { first: 2000, last: 2199 } as const;

const EARLIEST_INSTANT = Date.UTC(BUSINESS_YEARS.first, 0, 1);
const END_OF_LATEST_YEAR = Date.UTC(BUSINESS_YEARS.last + 1, 0, 1);

export const BUSINESS_RANGE_MESSAGE = `between ${BUSINESS_YEARS.first}-01-01 and ${BUSINESS_YEARS.last}-12-31`;

/** An instant in the business range, in UTC. */
export function isBusinessInstant(instant: Date): boolean {
  const time = instant.getTime();
  return time >= EARLIEST_INSTANT && time < END_OF_LATEST_YEAR;
}

/** A calendar date "YYYY-MM-DD" that exists (no February 30) and whose year is in the business range. */
export function isBusinessDate(date: string): boolean {
  const year = Number(date.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || year < BUSINESS_YEARS.first || year > BUSINESS_YEARS.last) return false;
  // Date.parse takes 2026-02-30 as March 2: the day must come back as it was written.
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date;
}

/** Event sequence numbers are PostgreSQL bigints that start at 1; `after: 0` replays everything. */
export const MAX_SEQUENCE_NUMBER = 2n ** 63n - 1n;

/** The sequence number a decimal string stands for, or null when it is not one the log can hold. */
export function parseSequenceNumber(text: string): bigint | null {
  if (!/^\d{1,19}$/.test(text)) return null;
  const seq = BigInt(text);
  return seq <= MAX_SEQUENCE_NUMBER ? seq : null;
}
