import { graphql } from '$lib/gql';

/** What a block on the day board shows, and what places it. */
export const BoardWorkOrderFragment = graphql(`
	fragment BoardWorkOrder on WorkOrder {
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

/** A reschedule or reassignment from the board: what it answers is enough to place the job or say why not. */
export const MoveWorkOrderMutation = graphql(`
	mutation MoveWorkOrder($input: UpdateWorkOrderInput!) {
		updateWorkOrder(input: $input) {
			__typename
			...MutationError
			... on ConflictError {
				conflictingWorkOrder {
					...ConflictingWorkOrder
				}
			}
			... on InvalidTransitionError {
				currentStatus
			}
			... on MutationUpdateWorkOrderSuccess {
				workOrder {
					...BoardWorkOrder
				}
			}
		}
	}
`);

/** One job as the board shows it, read again after a refused move to show where it now is. */
export const BoardWorkOrderQuery = graphql(`
	query BoardWorkOrder($id: ID!) {
		node(id: $id) {
			... on WorkOrder {
				...BoardWorkOrder
			}
		}
	}
`);
