import { admit, pageData } from '$lib/load';
import type { PageLoad } from './$types';
import { SettingsApiKeysQuery } from './api-keys.gql';

// Only admins may list keys (the page is theirs alone): others are sent away before the API is asked.
export const load: PageLoad = async ({ url }) => {
	admit(url);
	return pageData(SettingsApiKeysQuery, {});
};
