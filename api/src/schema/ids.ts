import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The row id inside a global ID of the given type, or null when it is not one. Row ids are UUIDs,
 * which PostgreSQL compares without case but JavaScript does not: an upper-case one is lowered here,
 * so that every comparison after this sees the form the database returns.
 */
export function rowIdOf(globalId: string, typename: string): string | null {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename && UUID.test(decoded.id) ? decoded.id.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Validates an input ID as a global ID of `typename` and turns it into the row id. */
export function globalIdOf(typename: string) {
  return z.string().transform((value, ctx) => {
    const id = rowIdOf(value, typename);
    if (id === null) {
      ctx.addIssue({ code: 'custom', message: `Not a ${typename} ID` });
      return z.NEVER;
    }
    return id;
  });
}

/** A row id safe to hand to the database: anything that is not a UUID matches no row. */
export function safeRowId(id: string): string {
  return UUID.test(id) ? id.toLowerCase() : NIL_UUID;
}
