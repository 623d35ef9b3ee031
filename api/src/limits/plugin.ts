import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { actorId, type Caller } from '../domain/caller.js';
import type { LeakyBucket } from './bucket.js';
import { actualCost, requestedCost } from './cost.js';
import { COST } from './policy.js';
import { refusal } from './refusal.js';

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

/** What the cost plugin reads of a request's context. */
export interface CostContext {
  caller: Caller | null;
  client: { address: string };
  /** How many connection totals the operation counted, each priced COST.totalCount. */
  totalsCounted: number;
}

/** Whose bucket pays: an API key or a user; anonymous callers share one per client address. */
function bucketKey(context: CostContext): string {
  return context.caller ? actorId(context.caller) : `anonymous:${context.client.address}`;
}

const refused = (error: GraphQLError, cost: CostExtension): ExecutionResult => ({ errors: [error], extensions: { cost } });

/**
 * Prices every operation before it runs, refuses one over the per-query maximum or one the
 * caller's bucket cannot pay (THROTTLED, nothing executed), refunds what the answer did not use,
 * and reports `extensions.cost` on every response.
 *
 * A subscription is priced the same way when it subscribes, over graphql-ws and SSE alike, and pays
 * its requested cost once then; its events are not charged (see the README).
 */
export function useQueryCost(bucket: LeakyBucket): Plugin<CostContext> {
  const status = (currentlyAvailable: number) => ({
    maximumAvailable: bucket.shape.maximumAvailable,
    currentlyAvailable,
    restoreRate: bucket.shape.restoreRatePerSecond,
  });

  /** Takes the operation's price from the bucket; a refusal when it is not allowed. */
  async function charge(args: ExecutionArgs): Promise<{ refusal: ExecutionResult } | { key: string; requested: number; available: number }> {
    const key = bucketKey(args.contextValue as CostContext);
    let requested: number;
    try {
      requested = Math.max(COST.minimumPerOperation, requestedCost(args.schema, args.document, args.variableValues ?? undefined, args.operationName));
    } catch (error) {
      // A variable of the wrong type, or a list argument over the bound.
      const coded = error instanceof GraphQLError && error.extensions.code;
      return { refusal: { errors: [coded ? error : refusal(error instanceof Error ? error.message : 'Could not price this operation', 'BAD_USER_INPUT')] } };
    }
    if (requested > COST.maxPerQuery) {
      const cost = { requestedQueryCost: requested, actualQueryCost: 0, throttleStatus: status(bucket.shape.maximumAvailable) };
      return { refusal: refused(refusal(`This query costs ${requested}, more than the ${COST.maxPerQuery} allowed per query`, 'MAX_COST_EXCEEDED', { cost }), cost) };
    }
    const taken = await bucket.take(key, requested);
    if (!taken.allowed) {
      const cost = { requestedQueryCost: requested, actualQueryCost: 0, throttleStatus: status(taken.currentlyAvailable) };
      const retryAfter = Math.max(1, Math.ceil((requested - taken.currentlyAvailable) / bucket.shape.restoreRatePerSecond));
      const throttled = new GraphQLError('Throttled: wait for your cost budget to refill', {
        extensions: { code: 'THROTTLED', cost, http: { status: 429, headers: { 'Retry-After': String(retryAfter) } } },
      });
      return { refusal: refused(throttled, cost) };
    }
    return { key, requested, available: taken.currentlyAvailable };
  }

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const charged = await charge(args);
      if ('refusal' in charged) {
        setResultAndStopExecution(charged.refusal);
        return;
      }
      const { key, requested, available } = charged;
      return {
        async onExecuteDone({ result, setResult }) {
          if (!('data' in result) && !('errors' in result)) return; // an incremental stream: nothing to add
          const counted = (args.contextValue as CostContext).totalsCounted * COST.totalCount;
          const actual = Math.max(COST.minimumPerOperation, Math.min(actualCost((result as ExecutionResult).data) + counted, requested));
          if (requested > actual) await bucket.refund(key, requested - actual);
          const cost: CostExtension = {
            requestedQueryCost: requested,
            actualQueryCost: actual,
            throttleStatus: status(Math.min(bucket.shape.maximumAvailable, available + requested - actual)),
          };
          setResult({ ...(result as ExecutionResult), extensions: { ...(result as ExecutionResult).extensions, cost } });
        },
      };
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const charged = await charge(args);
      if ('refusal' in charged) setResultAndStopExecution(charged.refusal);
    },
  };
}
