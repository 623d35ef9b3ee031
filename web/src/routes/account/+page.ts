import { redirect } from '@sveltejs/kit';
import { admit, pageData } from '$lib/load';
import { signOutEnded } from '$lib/signed-out';
import type { PageLoad } from './$types';
import { AccountSessionsQuery } from './account.gql';

export const load: PageLoad = async ({ url }) => {
	admit(url);
	const data = await pageData(AccountSessionsQuery, {});
	// No viewer: the API no longer takes this tab's session (it was ended elsewhere, or expired).
	if (!data.viewer) {
		signOutEnded();
		redirect(307, '/login');
	}
	return { viewer: data.viewer };
};
