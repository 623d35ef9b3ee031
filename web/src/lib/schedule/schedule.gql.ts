import { graphql } from '$lib/gql';

/** What a block on the day board shows, and what places it. */
export const ScheduleWorkOrderFragment = graphql(`
	fragment ScheduleWorkOrder on WorkOrder {
		id
		label
		status
		version
		canEdit
		windowStart
		windowEnd
		customer {
			id
			name
		}
		serviceType {
			id
			name
		}
		technician {
			id
			name
			color
		}
	}
`);

/** A day of the schedule as the board and the week view show it: its technicians and jobs, and the last event it reflects. */
export const ScheduleFragment = graphql(`
	fragment Schedule on Schedule {
		date
		timeZone
		windowStart
		windowEnd
		lastSeq
		technicians {
			technician {
				id
				name
				color
			}
			hasWorkingHours
			unavailable {
				kind
				reason
				windowStart
				windowEnd
			}
			workOrders {
				...ScheduleWorkOrder
			}
		}
		unassigned {
			...ScheduleWorkOrder
		}
	}
`);

/** A change of the schedule as the board and the week view apply it: the job as it now is, or null when it left the caller's sight. */
export const ScheduleChangeFragment = graphql(`
	fragment ScheduleChange on WorkOrderChange {
		seq
		event {
			type
			workOrderId
		}
		workOrder {
			...ScheduleWorkOrder
		}
	}
`);

/** A reschedule or reassignment from the board: what it answers is enough to place the job or say why not. */
export const MoveWorkOrderMutation = graphql(`
	mutation MoveWorkOrder($input: UpdateWorkOrderInput!) {
		updateWorkOrder(input: $input) {
			__typename
			...UpdateWorkOrderError
			... on MutationUpdateWorkOrderSuccess {
				workOrder {
					...ScheduleWorkOrder
				}
			}
		}
	}
`);

/** One job as the board shows it, read again after a refused move to show where it now is. */
export const ScheduleWorkOrderQuery = graphql(`
	query ScheduleWorkOrder($id: ID!) {
		node(id: $id) {
			... on WorkOrder {
				...ScheduleWorkOrder
			}
		}
	}
`);
