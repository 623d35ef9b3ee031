import type { Client } from '@urql/core';
import { STATUS_LABEL, timeIn } from '$lib/format';
import { conflictMessage, transportMessage } from '$lib/ui/outcome';
import type { ScheduleWorkOrder } from './schedule';
import { ScheduleWorkOrderQuery, MoveWorkOrderMutation } from './schedule.gql';
import { placementOf, type Placement, type Proposal } from './moves';

/** What the API answered a move: the job as it now is, or why not (with the job as it now is when someone else changed it). */
export type MoveAnswer = { ok: true; workOrder: ScheduleWorkOrder } | { ok: false; reason: string; current?: ScheduleWorkOrder | null; overridable?: boolean };

/** Only what the move changes is sent, with the version the dispatcher saw when they picked the job up. */
function inputOf(proposal: Proposal & { target: Placement; override?: boolean }) {
	const before = placementOf(proposal.workOrder);
	const { target } = proposal;
	return {
		id: proposal.workOrder.id,
		expectedVersion: proposal.workOrder.version,
		...(target.technicianId !== before.technicianId ? { technicianId: target.technicianId } : {}),
		...(Date.parse(target.windowStart) !== Date.parse(before.windowStart) ? { windowStart: target.windowStart } : {}),
		...(proposal.mode === 'resize' ? { windowEnd: target.windowEnd } : {}),
		...(proposal.override ? { overrideAvailability: true } : {})
	};
}

async function current(client: Client, id: string): Promise<ScheduleWorkOrder | null> {
	const { data } = await client.query(ScheduleWorkOrderQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
	return data?.node && 'id' in data.node ? (data.node as ScheduleWorkOrder) : null;
}

function whereNow(workOrder: ScheduleWorkOrder | null, timeZone: string): string {
	if (!workOrder) return 'It is no longer on your schedule.';
	const who = workOrder.technician?.name ?? 'Unassigned';
	return `It is now ${who === 'Unassigned' ? 'unassigned' : `with ${who}`} at ${timeIn(workOrder.windowStart, timeZone)}.`;
}

/** Asks the API to move the job; the API decides (a conflict, a stale version, a job that has started). */
export async function moveWorkOrder(client: Client, proposal: Proposal & { target: Placement; override?: boolean }, timeZone: string): Promise<MoveAnswer> {
	const { data, error } = await client.mutation(MoveWorkOrderMutation, { input: inputOf(proposal) }).toPromise();
	const result = data?.updateWorkOrder;
	const label = proposal.workOrder.label;
	if (!result) return { ok: false, reason: `Not moved: ${transportMessage(error)}` };
	switch (result.__typename) {
		case 'MutationUpdateWorkOrderSuccess':
			return { ok: true, workOrder: result.workOrder };
		case 'ConflictError':
			return { ok: false, reason: `Not moved: ${conflictMessage(result.conflictingWorkOrder, timeZone, result.message)}.` };
		case 'StaleWriteError': {
			const now = await current(client, proposal.workOrder.id);
			return { ok: false, reason: `Not moved: someone else changed ${label} meanwhile. ${whereNow(now, timeZone)}`, current: now };
		}
		case 'NotEditableError': {
			const now = await current(client, proposal.workOrder.id);
			return { ok: false, reason: `Not moved: ${label} is ${STATUS_LABEL[result.currentStatus]} now, so it can no longer be moved.`, current: now };
		}
		case 'OutsideAvailabilityError':
			return { ok: false, reason: `Not moved: ${result.message}.`, overridable: true };
		case 'ValidationError':
			return { ok: false, reason: `Not moved: ${result.fieldErrors[0]?.message ?? result.message}.` };
		default:
			return { ok: false, reason: `Not moved: ${result.message}` };
	}
}
