import { eventScope } from '../auth/scopes.js';
import { builder } from './builder.js';
import { keysetConnection } from './connection.js';
import { callerOf } from '../context.js';
import { afterArg } from './subscriptions.js';
import { WorkOrderEventRef } from './work-order-event.js';

/** The event log in commit order: within an organization, seq order is commit order. */
const eventPages = keysetConnection('Query.events', [{ field: 'seq', direction: 'asc', kind: 'sequence' }]);

builder.queryField('events', (t) =>
  t.connection(
    {
      type: WorkOrderEventRef,
      description:
        'The event log, oldest first: every change the caller may see, exactly the events the subscriptions deliver to them. ' +
        'Catch up after being offline by paging with `after` (keep the last `endCursor`: an empty page has none) ' +
        'or from the last `seq` you processed with `afterSeq`.',
      // Whoever reads work orders directly reads their events directly (domain/permissions.ts).
      authScopes: { reads: 'WorkOrderEvent' },
      args: {
        afterSeq: t.arg.string({
          description: 'Only events after this sequence number (the last `seq` you processed, from a subscription or from this list)',
          validate: afterArg,
        }),
      },
      resolve: (_root, args, context, info) =>
        eventPages.resolve({ args, context, info, listArgs: { afterSeq: args.afterSeq } }, ({ where, ...page }) =>
          context.prisma.workOrderEvent.findMany({
            ...page,
            where: { AND: [eventScope(callerOf(context)), args.afterSeq ? { seq: { gt: BigInt(args.afterSeq) } } : {}, where] },
          }),
        ),
    },
    { name: 'WorkOrderEventConnection', description: 'A page of the event log' },
    { name: 'WorkOrderEventEdge', description: 'One event of the log and its cursor' },
  ),
);
