import { graphql } from '$lib/gql';

/** A day of the week view: its technicians and jobs, and the last event it reflects. */
export const WeekDayFragment = graphql(`
	fragment WeekDay on Schedule {
		date
		timeZone
		lastSeq
		technicians {
			technician {
				id
				name
				color
			}
			hasWorkingHours
			unavailable {
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
`);

/** The seven days of a week (Monday first) in one request. */
export const WeekQuery = graphql(`
	query Week($d0: Date!, $d1: Date!, $d2: Date!, $d3: Date!, $d4: Date!, $d5: Date!, $d6: Date!) {
		d0: schedule(date: $d0) {
			...WeekDay
		}
		d1: schedule(date: $d1) {
			...WeekDay
		}
		d2: schedule(date: $d2) {
			...WeekDay
		}
		d3: schedule(date: $d3) {
			...WeekDay
		}
		d4: schedule(date: $d4) {
			...WeekDay
		}
		d5: schedule(date: $d5) {
			...WeekDay
		}
		d6: schedule(date: $d6) {
			...WeekDay
		}
	}
`);

/** One subscription follows every change of the week (a change of another week is left out on arrival). */
export const WeekChangedSubscription = graphql(`
	subscription WeekChanged($after: String) {
		workOrdersChanged(after: $after) {
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
