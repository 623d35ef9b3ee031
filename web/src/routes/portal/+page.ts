import { addDays, todayIn } from '$lib/format';
import { admit, pageData } from '$lib/load';
import { lastSeq } from '$lib/follow-changes';
import type { PageLoad } from './$types';
import { PortalQuery } from './portal.gql';

/** The customer's work orders either side of today, and the last event they reflect, to follow changes from there. */
export const load: PageLoad = async ({ url }) => {
	const viewer = admit(url);
	const today = todayIn(viewer.organization.timeZone);
	const portal = await pageData(PortalQuery, { today, yesterday: addDays(today, -1) });
	const workOrders = [...portal.upcoming.edges, ...portal.past.edges].map((edge) => edge.node);
	return { today, customer: portal.viewer?.customer ?? null, workOrders, after: lastSeq(workOrders.flatMap((workOrder) => workOrder.events.map((event) => event.seq))) };
};
