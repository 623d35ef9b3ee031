import { graphql } from '$lib/gql';

/** What a block on the day board shows, and what places it. */
export const BoardWorkOrderFragment = graphql(`
	fragment BoardWorkOrder on WorkOrder {
		id
		label
		status
		version
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
