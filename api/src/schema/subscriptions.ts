import { z } from 'zod';
import type { WorkOrderEvent } from '../generated/prisma/client.js';
import { retryWhileUnavailable } from '../db/reachability.js';
import { changeTouchesDay, changeTouchesTechnician } from '../domain/event-visibility.js';
import { MAX_SEQUENCE_NUMBER, parseSequenceNumber } from '../domain/ranges.js';
import { visibleWorkOrders } from '../auth/visible-rows.js';
import { latestEventSeq, requireGivenSeq } from '../events/log.js';
import { changeStream } from '../events/stream.js';
import { scheduleOn } from '../services/schedule.js';
import { findVisibleWorkOrder } from '../services/work-orders/find.js';
import { builder } from './builder.js';
import { callerOf, type Context } from '../context.js';
import { globalIdOf } from './ids.js';
import { SEQ_RULES, WorkOrderEventRef } from './work-order-event.js';

const WorkOrderChangeRef = builder.objectRef<WorkOrderEvent>('WorkOrderChange').implement({
  description: 'One committed change: its sequence number, the logged event, and the work order as it is now',
  fields: (t) => ({
    seq: t.string({
      description: `The event's sequence number: pass the last one received as \`after\` when subscribing again. A seq is ${SEQ_RULES}`,
      resolve: (e) => e.seq.toString(),
    }),
    event: t.field({ type: WorkOrderEventRef, description: 'The change as logged, with the work order before and after it', resolve: (e) => e }),
    workOrder: t.prismaField({
      type: 'WorkOrder',
      nullable: true,
      description: 'Null when the caller may no longer see it (for example a job reassigned away from a technician)',
      resolve: (query, e, _args, context) => {
        const where = { id: e.workOrderId, ...visibleWorkOrders(callerOf(context)) };
        // The event is committed: a database outage delays its message rather than dropping the work order from it.
        return retryWhileUnavailable(() => context.prisma.workOrder.findFirst({ ...query, where }));
      },
    }),
  }),
});

const AFTER_DESCRIPTION = `The last seq received: the events after it are replayed first, then live ones follow; omitted, only live ones. A seq past every one you may have been given (another organization's) is refused with BAD_USER_INPUT. A seq is ${SEQ_RULES}`;

/** A subscription's `after` (and the event log's `afterSeq`): an event sequence number, as a decimal string. */
export const afterArg = z
  .string()
  .refine((after) => parseSequenceNumber(after) !== null, `An event sequence number: digits, at most ${MAX_SEQUENCE_NUMBER}`)
  .nullish();

const stream = async (context: Context, after: string | null | undefined, concerns: Parameters<typeof changeStream>[0]['concerns']) => {
  const caller = callerOf(context);
  if (after) await requireGivenSeq(context.prisma, caller, BigInt(after), 'after');
  return changeStream({ prisma: context.prisma, feed: context.feed, caller, after: after ? BigInt(after) : null, concerns });
};

builder.subscriptionFields((t) => ({
  scheduleChanged: t.field({
    type: WorkOrderChangeRef,
    description: "Every change touching the day (in the organization's zone) that the caller may see, including jobs moved out of it",
    authScopes: { reads: 'Schedule' },
    args: {
      date: t.arg({ type: 'Date', required: true, description: "The day, in the organization's zone" }),
      after: t.arg.string({ description: AFTER_DESCRIPTION, validate: afterArg }),
    },
    subscribe: async (_root, { date, after }, context) => {
      const day = await scheduleOn(context.prisma, callerOf(context), date);
      return stream(context, after, (change) => changeTouchesDay(change, day));
    },
    resolve: (event) => event,
  }),
  workOrderChanged: t.field({
    type: WorkOrderChangeRef,
    description: 'Every change of one work order the caller may see',
    authScopes: { reads: 'WorkOrder' },
    args: {
      id: t.arg.id({ required: true, description: 'A WorkOrder ID', validate: globalIdOf('WorkOrder') }),
      after: t.arg.string({ description: AFTER_DESCRIPTION, validate: afterArg }),
    },
    subscribe: async (_root, { id, after }, context) => {
      const workOrder = await findVisibleWorkOrder(context.prisma, callerOf(context), String(id));
      return stream(context, after, (change) => change.workOrderId === workOrder.id);
    },
    resolve: (event) => event,
  }),
  workOrdersChanged: t.field({
    type: WorkOrderChangeRef,
    description: 'Every change the caller may see, whatever its day: what a list of work orders follows (read `lastEventSeq` before the list)',
    authScopes: { reads: 'WorkOrder' },
    args: { after: t.arg.string({ description: AFTER_DESCRIPTION, validate: afterArg }) },
    subscribe: (_root, { after }, context) => stream(context, after, () => true),
    resolve: (event) => event,
  }),
  myAssignments: t.field({
    type: WorkOrderChangeRef,
    description: "A technician's own jobs: assigned, changed, or taken away",
    authScopes: { $all: { role: 'TECHNICIAN', reads: 'WorkOrder' } },
    args: { after: t.arg.string({ description: AFTER_DESCRIPTION, validate: afterArg }) },
    subscribe: (_root, { after }, context) => {
      const caller = callerOf(context);
      const technicianId = caller.kind === 'user' ? caller.technicianId : null;
      return stream(context, after, (change) => changeTouchesTechnician(change, technicianId));
    },
    resolve: (event) => event,
  }),
}));

builder.queryField('lastEventSeq', (t) =>
  t.string({
    description: `The organization's latest event sequence number: read it before a list, then follow changes \`after\` it, and nothing is missed. A seq is ${SEQ_RULES}`,
    // It shows the organization's activity volume: for those who read the schedule, not just their own jobs
    // (domain/event-visibility.ts seqsGivenTo bounds the seqs each caller may resume after by the same rule).
    authScopes: { reads: 'Schedule' },
    resolve: async (_root, _args, context) => (await latestEventSeq(context.prisma, callerOf(context).organizationId)).toString(),
  }),
);
