import { graphql } from '$lib/gql';

export const ScheduleQuery = graphql(`
	query Schedule($date: Date!) {
		schedule(date: $date) {
			...Schedule
		}
	}
`);

export const ScheduleChangedSubscription = graphql(`
	subscription ScheduleChanged($date: Date!, $after: String) {
		scheduleChanged(date: $date, after: $after) {
			...ScheduleChange
		}
	}
`);
