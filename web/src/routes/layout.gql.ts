import { graphql } from '$lib/gql';

export const LogoutMutation = graphql(`
	mutation Logout {
		logout
	}
`);
