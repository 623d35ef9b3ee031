import { admit, pageData } from '$lib/load';
import type { PageLoad } from './$types';
import { SettingsServiceTypesQuery } from './service-types.gql';

/** `?archived` lists the archived service types too. */
export const load: PageLoad = async ({ url }) => {
	admit(url);
	const includeArchived = url.searchParams.has('archived');
	return { includeArchived, ...(await pageData(SettingsServiceTypesQuery, { includeArchived })) };
};
