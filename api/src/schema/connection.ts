import { parseCursorConnectionArgs } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { visibilityKey } from '../domain/caller.js';
import { ValidationError } from '../domain/errors.js';
import { COST } from '../limits/policy.js';
import { readCursor, signCursor, type CursorBinding } from '../pagination/cursor.js';
import { cursorKey } from '../pagination/cursor-secret.js';
import { cursorValuesOf, keysetWhere, orderByOf, sortValuesFrom, type KeysetOrder } from '../pagination/keyset.js';
import { callerOf, type Context } from '../context.js';

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** The same answer for every cursor this caller was not given for this list, whatever is inside it. */
const NOT_THIS_LIST = 'Not a cursor of this list';
const NODE_PATHS = [['edges', 'node']];

type Row = Record<string, unknown>;

/**
 * The one way every connection pages: keyset pagination on `order`, with opaque cursors that carry
 * the sort-key values and are signed for the caller's visibility (organization included) and for this
 * connection with these arguments. A row id is never looked up to position a page.
 */
export function keysetConnection(connection: string, order: KeysetOrder) {
  const sortSelection = Object.fromEntries(order.map(({ field }) => [field, true]));

  function pageOf(args: PageArgs, context: Context, listArgs: unknown) {
    for (const name of ['first', 'last'] as const) {
      if ((args[name] ?? 0) < 0) throw ValidationError.field([name], 'Must be 0 or more');
    }
    const binding: CursorBinding = { audience: visibilityKey(callerOf(context)), connection: `${connection}${canonical(listArgs)}` };
    const { limit, expectedSize, inverted, hasPreviousPage, hasNextPage } = parseCursorConnectionArgs({
      args,
      defaultSize: COST.defaultPageSize,
      maxSize: COST.maxPageSize,
    });
    const bounds = (['after', 'before'] as const).flatMap((side) => {
      const cursor = args[side];
      if (cursor == null) return [];
      const raw = readCursor(cursorKey(), binding, cursor);
      const values = raw && sortValuesFrom(order, raw);
      if (!values) throw ValidationError.field([side], NOT_THIS_LIST);
      return [keysetWhere(order, values, side)];
    });
    return {
      query: { where: { AND: bounds }, orderBy: orderByOf(order, inverted), take: limit },
      connectionOf<T extends object>(rows: readonly T[]) {
        const page = rows.slice(0, expectedSize);
        if (inverted) page.reverse();
        const edges = page.map((node) => ({ cursor: signCursor(cursorKey(), binding, cursorValuesOf(order, node as Row)), node }));
        return {
          edges,
          pageInfo: {
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
            hasPreviousPage: hasPreviousPage(rows.length),
            hasNextPage: hasNextPage(rows.length),
          },
        };
      },
    };
  }

  return {
    /**
     * A root connection: `load` receives the page's where (to be combined with the list's own), order,
     * take and the selection beneath the edges, for one findMany.
     */
    async resolve<T extends object>(
      { args, context, info, listArgs }: { args: PageArgs; context: Context; info: GraphQLResolveInfo; listArgs?: unknown },
      load: (query: { where: object; orderBy: object[]; take: number; include?: object; select?: object }) => Promise<T[]>,
    ) {
      const page = pageOf(args, context, listArgs);
      const nodes = withSortFields(queryFromInfo({ context, info, paths: NODE_PATHS }) as { include?: object; select?: object });
      return page.connectionOf(await load({ ...nodes, ...page.query }));
    },

    /** A connection over a relation, loaded in the parent's query: the relation's entry in the parent's `select`. */
    relationQuery(
      args: PageArgs,
      context: Context,
      nestedSelection: (selection: true, path: string[]) => unknown,
      where: object,
    ) {
      const { query } = pageOf(args, context, undefined);
      return { ...withSortFields(nestedSelection(true, NODE_PATHS[0]!) as object), ...query, where: { AND: [where, query.where] } };
    },

    /** The connection of a relation's rows loaded by relationQuery. */
    relationConnection<T extends object>(rows: readonly T[], args: PageArgs, context: Context) {
      return pageOf(args, context, undefined).connectionOf(rows);
    },
  };

  // A type in select mode loads only what is selected; the cursor needs the sort keys too.
  function withSortFields<Q extends { select?: object }>(query: Q): Q {
    return query.select ? { ...query, select: { ...query.select, ...sortSelection } } : query;
  }
}

/** Arguments in one spelling: keys sorted, absent and null the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).filter(([, v]) => v != null).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
