import { admit, pageData } from '$lib/load';
import type { PageLoad } from './$types';
import { UsersPageQuery } from './users.gql';

export const load: PageLoad = async ({ url }) => {
	admit(url);
	return pageData(UsersPageQuery, {});
};
