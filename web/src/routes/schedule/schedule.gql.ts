import { graphql } from '$lib/gql';

export const ScheduleQuery = graphql(`
	query Schedule($date: Date!) {
		schedule(date: $date) {
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
					...BoardWorkOrder
				}
			}
			unassigned {
				...BoardWorkOrder
			}
		}
	}
`);

export const ScheduleChangedSubscription = graphql(`
	subscription ScheduleChanged($date: Date!, $after: String) {
		scheduleChanged(date: $date, after: $after) {
			seq
			event {
				type
				workOrderId
			}
			workOrder {
				...BoardWorkOrder
			}
		}
	}
`);
