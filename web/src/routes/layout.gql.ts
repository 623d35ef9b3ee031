import { graphql } from '$lib/gql';

export const LogoutMutation = graphql(`
	mutation Logout {
		logout
	}
`);

export const WebhookNoticesQuery = graphql(`
	query WebhookNotices {
		webhookEndpoints {
			id
			url
			disabledReason
		}
	}
`);
