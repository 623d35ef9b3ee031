import { graphql } from '$lib/gql';

/** A technician's weekly hours and their time off in the span asked for. */
export const TechnicianAvailabilityFragment = graphql(`
	fragment TechnicianAvailability on Technician {
		id
		workingHours {
			weekday
			startTime
			endTime
		}
		timeOff(from: $from, to: $to) {
			id
			startsAt
			endsAt
			reason
		}
	}
`);

export const TechnicianAvailabilityQuery = graphql(`
	query TechnicianAvailability($id: ID!, $from: DateTime!, $to: DateTime!) {
		node(id: $id) {
			...TechnicianAvailability
		}
	}
`);

export const SetWorkingHoursMutation = graphql(`
	mutation SetWorkingHours($input: SetWorkingHoursInput!) {
		setWorkingHours(input: $input) {
			__typename
			...MutationError
			... on MutationSetWorkingHoursSuccess {
				technician {
					id
				}
			}
		}
	}
`);

export const AddTimeOffMutation = graphql(`
	mutation AddTimeOff($input: AddTimeOffInput!) {
		addTimeOff(input: $input) {
			__typename
			...MutationError
			... on TimeOffOverlapError {
				workOrders {
					id
					label
					windowStart
				}
			}
			... on MutationAddTimeOffSuccess {
				timeOff {
					id
				}
			}
		}
	}
`);

export const RemoveTimeOffMutation = graphql(`
	mutation RemoveTimeOff($input: RemoveTimeOffInput!) {
		removeTimeOff(input: $input) {
			__typename
			...MutationError
		}
	}
`);
