import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a cursor is valid for: who may use it (what they may see) and which list, with which arguments. */
export interface CursorBinding {
  audience: string;
  connection: string;
}

const FORMAT = 'cursor/v1';
const MAX_CURSOR_LENGTH = 2_000;

/** An opaque cursor: the sort-key values of one row, signed together with what it is bound to. */
export function signCursor(key: Buffer, binding: CursorBinding, values: readonly string[]): string {
  const payload = Buffer.from(JSON.stringify(values)).toString('base64url');
  return `${payload}.${mac(key, binding, payload)}`;
}

/**
 * The values inside a cursor signed for exactly this binding; null for anything else (another caller's,
 * another list's, altered, or not a cursor at all), so that none of them can be told apart.
 */
export function readCursor(key: Buffer, binding: CursorBinding, cursor: string): unknown[] | null {
  if (cursor.length > MAX_CURSOR_LENGTH) return null;
  const dot = cursor.indexOf('.');
  if (dot < 0) return null;
  const payload = cursor.slice(0, dot);
  const given = Buffer.from(cursor.slice(dot + 1));
  const expected = Buffer.from(mac(key, binding, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return Array.isArray(values) ? values : null;
  } catch {
    return null;
  }
}

// Signed over the payload's text, not its decoded bytes, so that no changed character goes unnoticed.
function mac(key: Buffer, binding: CursorBinding, payload: string): string {
  return createHmac('sha256', key).update(JSON.stringify([FORMAT, binding.audience, binding.connection, payload])).digest('base64url');
}
