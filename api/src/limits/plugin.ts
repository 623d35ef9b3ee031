import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { actorId } from '../domain/caller.js';
import type { Context } from '../schema/context.js';
import type { LeakyBucket } from './bucket.js';
import { actualCost, requestedCost } from './cost.js';
import { COST } from './policy.js';

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

/** Whose bucket pays: an API key or a user; anonymous callers share one per client address. */
function bucketKey(context: Context): string {
  return context.caller ? actorId(context.caller) : `anonymous:${context.client.address}`;
}

const refused = (message: string, code: string, cost: CostExtension): ExecutionResult => ({
  errors: [new GraphQLError(message, { extensions: { code, cost } })],
  extensions: { cost },
});

/**
 * Prices every operation before it runs, refuses one over the per-query maximum or one the
 * caller's bucket cannot pay (THROTTLED, nothing executed), refunds what the answer did not use,
 * and reports `extensions.cost` on every response.
 */
export function useQueryCost(bucket: LeakyBucket): Plugin<Context> {
  const status = (currentlyAvailable: number) => ({
    maximumAvailable: bucket.shape.maximumAvailable,
    currentlyAvailable,
    restoreRate: bucket.shape.restoreRatePerSecond,
  });
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const key = bucketKey(args.contextValue as Context);
      let requested: number;
      try {
        requested = requestedCost(args.schema, args.document, args.variableValues ?? undefined, args.operationName);
      } catch (error) {
        setResultAndStopExecution({ errors: [error instanceof GraphQLError ? error : new GraphQLError('Could not price this operation')] });
        return;
      }
      if (requested > COST.maxPerQuery) {
        const cost = { requestedQueryCost: requested, actualQueryCost: 0, throttleStatus: status(bucket.shape.maximumAvailable) };
        setResultAndStopExecution(refused(`This query costs ${requested}, more than the ${COST.maxPerQuery} allowed per query`, 'MAX_COST_EXCEEDED', cost));
        return;
      }
      const taken = await bucket.take(key, requested);
      if (!taken.allowed) {
        const cost = { requestedQueryCost: requested, actualQueryCost: 0, throttleStatus: status(taken.currentlyAvailable) };
        setResultAndStopExecution(refused('Throttled: wait for your cost budget to refill', 'THROTTLED', cost));
        return;
      }
      return {
        async onExecuteDone({ result, setResult }) {
          if (!('data' in result) && !('errors' in result)) return; // an incremental stream: nothing to add
          const actual = Math.min(actualCost((result as ExecutionResult).data), requested);
          if (requested > actual) await bucket.refund(key, requested - actual);
          const cost: CostExtension = {
            requestedQueryCost: requested,
            actualQueryCost: actual,
            throttleStatus: status(Math.min(bucket.shape.maximumAvailable, taken.currentlyAvailable + requested - actual)),
          };
          setResult({ ...(result as ExecutionResult), extensions: { ...(result as ExecutionResult).extensions, cost } });
        },
      };
    },
  };
}
