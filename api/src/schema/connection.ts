import { parseCursorConnectionArgs } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { visibilityKey } from '../domain/caller.js';
import { ValidationError } from '../domain/errors.js';
import { COST } from '../limits/policy.js';
import { readCursor, signCursor, type CursorBinding } from '../pagination/cursor.js';
import { cursorKey } from '../pagination/cursor-secret.js';
import { cursorValuesOf, keysetWhere, orderByOf, sortValuesFrom, type KeysetOrder } from '../pagination/keyset.js';
import { builder } from './builder.js';
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
/** Matches no row: `id IN ()`. */
const NO_ROW = { id: { in: [] as string[] } };
const FIRST_OR_LAST = 'Not with first: page forward with first and after, or back with last and before';

type Row = Record<string, unknown>;

/** A relation's page is its parent row's (by id); while the parent's query is built, of any parent. */
const ANY_PARENT = Symbol('any parent');
type Parent = string | typeof ANY_PARENT | undefined;

/** Counts the rows of a list's own where, nothing of the page. */
type Counter = (where: object) => Promise<number>;

interface PageQuery {
  where: object;
  orderBy: object[];
  take: number;
  include?: object;
  select?: object;
}

/** A page as every connection type carries it; `totalCount` runs its count only when it is selected. */
interface CountedConnection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean };
  totalCount: () => Promise<number>;
}

/**
 * The one way every connection pages: keyset pagination on an order, with opaque cursors that carry
 * the sort-key values and are signed for the caller's visibility (organization included) and for this
 * connection with these arguments (the order among them). A row id is never looked up to position a page.
 */
export function keysetConnection(connection: string, defaultOrder: KeysetOrder) {
  /** The sort-key values a cursor read for this list holds, its parent's id first for a relation's list. */
  function positionIn(raw: unknown[], order: KeysetOrder, parent: Parent) {
    if (parent === undefined) return sortValuesFrom(order, raw);
    const [owner, ...values] = raw;
    if (typeof owner !== 'string' || (parent !== ANY_PARENT && owner !== parent)) return null;
    return sortValuesFrom(order, values);
  }

  function pageOf(args: PageArgs, context: Context, listArgs: unknown, order: KeysetOrder, parent?: Parent) {
    for (const name of ['first', 'last'] as const) {
      const size = args[name] ?? 0;
      if (size < 0) throw ValidationError.field([name], 'Must be 0 or more');
      if (size > COST.maxPageSize) throw ValidationError.field([name], `At most ${COST.maxPageSize} rows a page: page on with the cursors`);
    }
    // Both would be a page of `first` with `last` quietly dropped.
    if (args.first != null && args.last != null) throw ValidationError.field(['last'], FIRST_OR_LAST);
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
      const values = raw && positionIn(raw, order, parent);
      if (!values) throw ValidationError.field([side], NOT_THIS_LIST);
      return [keysetWhere(order, values, side)];
    });
    return {
      query: { where: { AND: bounds }, orderBy: orderByOf(order, inverted), take: limit },
      connectionOf<T extends object>(rows: readonly T[], count: () => Promise<number>): CountedConnection<T> {
        const page = rows.slice(0, expectedSize);
        if (inverted) page.reverse();
        const owner = typeof parent === 'string' ? [parent] : [];
        const edges = page.map((node) => ({ cursor: signCursor(cursorKey(), binding, [...owner, ...cursorValuesOf(order, node as Row)]), node }));
        return {
          edges,
          pageInfo: {
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
            hasPreviousPage: hasPreviousPage(rows.length),
            hasNextPage: hasNextPage(rows.length),
          },
          totalCount: count,
        };
      },
    };
  }

  return {
    /**
     * A root connection over `where` (the list's filter and the caller's scope): one findMany for the
     * page, with the selection beneath the edges, and the same where counted for totalCount.
     */
    async resolve<T extends object>(
      {
        args,
        context,
        info,
        listArgs,
        where,
        order = defaultOrder,
      }: { args: PageArgs; context: Context; info: GraphQLResolveInfo; listArgs?: unknown; where: object; order?: KeysetOrder },
      model: { findMany: (query: PageQuery) => Promise<T[]>; count: Counter },
    ) {
      const page = pageOf(args, context, listArgs, order);
      const nodes = withSortFields(queryFromInfo({ context, info, paths: NODE_PATHS }) as { include?: object; select?: object }, order);
      const rows = await model.findMany({ ...nodes, ...page.query, where: { AND: [where, page.query.where] } });
      return page.connectionOf(rows, () => model.count(where));
    },

    /**
     * A connection over a relation, loaded in the parent's query: the relation's entry in the parent's `select`.
     * Its cursors carry their parent's id, signed, so that a cursor of one customer's list positions only
     * that list: here, before the parents are known, a cursor of any parent positions the page, and
     * relationConnection refuses it at every other parent's list. Arguments refused load no row here and are
     * refused by relationConnection, at the connection's own path: thrown here, in the parent's query, they
     * would null the parent and every row beside it.
     */
    relationQuery(
      args: PageArgs,
      context: Context,
      nestedSelection: (selection: true, path: string[]) => unknown,
      where: object,
    ) {
      let query: ReturnType<typeof pageOf>['query'];
      try {
        query = pageOf(args, context, undefined, defaultOrder, ANY_PARENT).query;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        query = { where: { AND: [NO_ROW] }, orderBy: [], take: 0 };
      }
      return { ...withSortFields(nestedSelection(true, NODE_PATHS[0]!) as object, defaultOrder), ...query, where: { AND: [where, query.where] } };
    },

    /**
     * The connection of a relation's rows loaded by relationQuery for the parent row `parentId`; `count`
     * counts the relation's rows under the same where that relationQuery was given.
     */
    relationConnection<T extends object>(rows: readonly T[], args: PageArgs, context: Context, parentId: string, count: () => Promise<number>) {
      return pageOf(args, context, undefined, defaultOrder, parentId).connectionOf(rows, count);
    },
  };
}

// A type in select mode loads only what is selected; the cursor needs the sort keys too.
function withSortFields<Q extends { select?: object }>(query: Q, order: KeysetOrder): Q {
  return query.select ? { ...query, select: { ...query.select, ...Object.fromEntries(order.map(({ field }) => [field, true])) } } : query;
}

/**
 * The one connection type of a node type, `<Type>Connection` with its `<Type>Edge`, shared by every
 * field that lists it, so that one fragment serves all of them.
 */
export function connectionType(node: Parameters<typeof builder.connectionObject>[0]['type'], typename: string, plural: string) {
  return builder.connectionObject(
    {
      type: node,
      name: `${typename}Connection`,
      description: `A page of ${plural}, in the list's order, with the list's total`,
      fields: (t) => ({
        totalCount: t.int({
          description: `How many ${plural} the whole list holds for this caller (every page, with the same filter and search), not only this page`,
          resolve: (connection, _args, context) => {
            context.totalsCounted += 1;
            return (connection as unknown as CountedConnection<object>).totalCount();
          },
        }),
      }),
    },
    { name: `${typename}Edge`, description: `One of the ${plural} of a page, with the cursor that points at it` },
  );
}
/** Arguments in one spelling: keys sorted, absent and null the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).filter(([, v]) => v != null).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
