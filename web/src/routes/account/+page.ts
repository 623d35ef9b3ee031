import { admit, pageData } from '$lib/load';
import type { PageLoad } from './$types';
import { AccountSessionsQuery } from './account.gql';

export const load: PageLoad = async ({ url }) => {
	admit(url);
	return pageData(AccountSessionsQuery, {});
};
