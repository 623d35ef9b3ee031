import { graphql } from '$lib/gql';

/** The seven days of a week (Monday first) in one request. */
export const WeekQuery = graphql(`
	query Week($d0: Date!, $d1: Date!, $d2: Date!, $d3: Date!, $d4: Date!, $d5: Date!, $d6: Date!) {
		d0: schedule(date: $d0) {
			...Schedule
		}
		d1: schedule(date: $d1) {
			...Schedule
		}
		d2: schedule(date: $d2) {
			...Schedule
		}
		d3: schedule(date: $d3) {
			...Schedule
		}
		d4: schedule(date: $d4) {
			...Schedule
		}
		d5: schedule(date: $d5) {
			...Schedule
		}
		d6: schedule(date: $d6) {
			...Schedule
		}
	}
`);

/** One subscription follows every change of the week (a change of another week is left out on arrival). */
export const WeekChangedSubscription = graphql(`
	subscription WeekChanged($after: String) {
		workOrdersChanged(after: $after) {
			...ScheduleChange
		}
	}
`);
