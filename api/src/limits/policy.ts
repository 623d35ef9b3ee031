/**
 * The query cost model and throttle, in the manner of Shopify and Jobber: an object field costs 1,
 * a scalar 0, a connection 2 plus `first` (or the default page size) times its selection. Each
 * caller has a leaky bucket of cost points that refills at a steady rate.
 */
export const COST = {
  objectField: 1,
  connection: 2,
  /** Page size assumed (and applied) when a connection is asked for without `first`/`last`. */
  defaultPageSize: 20,
  maxPageSize: 100,
  /**
   * A connection's `totalCount`: a count reads every row of the list, not one page, so it is priced like
   * a list of `listLength` objects, and charged in the answer's actual cost only when it ran.
   */
  totalCount: 10,
  /** Lists that are not connections (service types, technicians, a customer's vehicles) are assumed this long. */
  listLength: 10,
  /**
   * No list in an argument (`nodes(ids:)`, a filter's statuses, an input's scopes) may be longer; a list
   * field taking one (`nodes`) is priced by its length instead of listLength.
   */
  maxListArgumentLength: 100,
  /** No single operation may cost more than this, whatever the bucket holds. */
  maxPerQuery: 5_000,
  /**
   * Every operation costs at least this, refused or empty answers included, so that a flood of requests
   * that return nothing (an anonymous caller's refusals, introspection) still drains its bucket.
   */
  minimumPerOperation: 1,
} as const;

export const THROTTLE = {
  maximumAvailable: 10_000,
  restoreRatePerSecond: 500,
} as const;

/**
 * Test events per webhook endpoint: five at once, then one every 12 seconds. Each is a delivery with its
 * own retry schedule of three days, POSTed to a URL of the caller's choosing, so they are not free.
 */
export const TEST_WEBHOOK_SENDS = {
  maximumAvailable: 5,
  restoreRatePerSecond: 5 / 60,
} as const;

/** The largest request body (HTTP) or message (graphql-ws) accepted, in bytes: MAX_BODY_BYTES, 100 KiB by default. */
export const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 102_400);

export const ARMOR = {
  maxDepth: 12,
  maxAliases: 20,
  maxDirectives: 20,
  maxTokens: 3_000,
} as const;
