import { parseSequenceNumber } from '../domain/ranges.js';

/**
 * Keyset pagination: a list is ordered by sort keys ending with a unique one (the id), and a page
 * starts after (or ends before) the sort-key values of a row, compared in the query itself.
 */
export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  field: string;
  direction: SortDirection;
  /** How the value travels in a cursor: text as it is, a timestamp as ISO 8601, an integer or a sequence number (bigint) in decimal. */
  kind: 'text' | 'timestamp' | 'integer' | 'sequence';
}

/** Non-null columns only: the last key must be unique, so that every row has one place. */
export type KeysetOrder = readonly SortKey[];

export type SortValue = string | Date | number | bigint;
type Where = Record<string, unknown>;

export function orderByOf(order: KeysetOrder, backward: boolean): Record<string, SortDirection>[] {
  return order.map(({ field, direction }) => ({ [field]: backward ? flip(direction) : direction }));
}

/** The sort-key values of a row, as they travel in a cursor. */
export function cursorValuesOf(order: KeysetOrder, row: Record<string, unknown>): string[] {
  return order.map(({ field, kind }) => {
    const value = row[field];
    return kind === 'timestamp' ? (value as Date).toISOString() : String(value);
  });
}

/** The sort-key values read back from a cursor, or null when they do not fit the order. */
export function sortValuesFrom(order: KeysetOrder, values: readonly unknown[]): SortValue[] | null {
  if (values.length !== order.length) return null;
  const parsed: SortValue[] = [];
  for (const [index, key] of order.entries()) {
    const value = values[index];
    if (typeof value !== 'string') return null;
    if (key.kind === 'timestamp') {
      const instant = new Date(value);
      if (Number.isNaN(instant.getTime())) return null;
      parsed.push(instant);
    } else if (key.kind === 'sequence') {
      const seq = parseSequenceNumber(value);
      if (seq === null) return null;
      parsed.push(seq);
    } else if (key.kind === 'integer') {
      if (!/^-?\d{1,10}$/.test(value)) return null;
      parsed.push(Number(value));
    } else {
      parsed.push(value);
    }
  }
  return parsed;
}

/** The order of a list by one column, the id breaking ties in the same direction. */
export function orderBy(key: Omit<SortKey, 'direction'>, direction: SortDirection): KeysetOrder {
  return [
    { ...key, direction },
    { field: 'id', direction, kind: 'text' },
  ];
}

/** Rows strictly after (or before) the row with these sort-key values, in the order's direction. */
export function keysetWhere(order: KeysetOrder, values: readonly SortValue[], side: 'after' | 'before'): Where {
  return {
    OR: order.map((key, index) => {
      const comparison = (key.direction === 'asc') === (side === 'after') ? 'gt' : 'lt';
      const equalBefore = order.slice(0, index).map((earlier, i) => ({ [earlier.field]: values[i] }));
      return { AND: [...equalBefore, { [key.field]: { [comparison]: values[index] } }] };
    }),
  };
}

function flip(direction: SortDirection): SortDirection {
  return direction === 'asc' ? 'desc' : 'asc';
}
