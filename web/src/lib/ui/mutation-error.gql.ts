import { graphql } from '$lib/gql';

/** What every mutation's typed errors tell: a message, and for a ValidationError the fields concerned. */
export const MutationErrorFragment = graphql(`
	fragment MutationError on Error {
		message
		... on ValidationError {
			fieldErrors {
				path
				message
			}
		}
	}
`);
