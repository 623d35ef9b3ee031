import { visibleEvents } from '../auth/visible-rows.js';
import { callerOf } from '../context.js';
import { requireGivenSeq } from '../events/log.js';
import { builder } from './builder.js';
import { connectionType, keysetConnection } from './connection.js';
import { afterArg } from './subscriptions.js';
import { WorkOrderEventRef } from './work-order-event.js';

/** The event log in commit order: within an organization, seq order is commit order. */
const eventPages = keysetConnection('Query.events', [{ field: 'seq', direction: 'asc', kind: 'sequence' }]);
const WorkOrderEventConnectionRef = connectionType(WorkOrderEventRef, 'WorkOrderEvent', 'events');

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
          description:
            'Only events after this sequence number (the last `seq` you processed, from a subscription or from this list); a seq past every one you may have been given (another organization\'s) is refused with BAD_USER_INPUT',
          validate: afterArg,
        }),
      },
      resolve: async (_root, args, context, info) => {
        if (args.afterSeq) await requireGivenSeq(context.prisma, callerOf(context), BigInt(args.afterSeq), 'afterSeq');
        return eventPages.resolve(
          {
            args,
            context,
            info,
            listArgs: { afterSeq: args.afterSeq },
            where: { AND: [visibleEvents(callerOf(context)), args.afterSeq ? { seq: { gt: BigInt(args.afterSeq) } } : {}] },
          },
          {
            findMany: (query) => context.prisma.workOrderEvent.findMany(query),
            count: (where) => context.prisma.workOrderEvent.count({ where }),
          },
        );
      },
    },
    WorkOrderEventConnectionRef,
  ),
);
