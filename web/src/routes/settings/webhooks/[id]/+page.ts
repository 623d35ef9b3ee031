import { admit, pageData } from '$lib/load';
import type { PageLoad } from './$types';
import { WebhookEndpointLogQuery } from './endpoint.gql';

const PAGE_SIZE = 25;

/** The page of the log the URL names: the newest attempts, or those after or before a cursor (`?after=`, `?before=`). */
function logPage(params: URLSearchParams) {
	const before = params.get('before');
	return before ? { last: PAGE_SIZE, before, first: null, after: null } : { first: PAGE_SIZE, after: params.get('after'), last: null, before: null };
}

/** The endpoint with a page of its delivery log; null when it does not exist or is another organization's. */
export const load: PageLoad = async ({ url, params }) => {
	admit(url);
	const { node } = await pageData(WebhookEndpointLogQuery, { id: params.id, ...logPage(url.searchParams) });
	return { endpoint: node?.__typename === 'WebhookEndpoint' ? node : null };
};
