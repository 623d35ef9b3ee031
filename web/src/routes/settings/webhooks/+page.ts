import { admit, pageData } from '$lib/load';
import type { PageLoad } from './$types';
import { SettingsWebhooksQuery } from './webhooks.gql';

// Admins manage the organization's endpoints (API keys manage theirs through the API): others are sent away first.
export const load: PageLoad = async ({ url }) => {
	admit(url);
	return pageData(SettingsWebhooksQuery, {});
};
