import { todayIn } from '$lib/format';
import { admit, pageAnswer } from '$lib/load';
import { inTimeOrder } from '$lib/my-day/jobs';
import { lastSeq } from '$lib/follow-changes';
import type { PageLoad } from './$types';
import { MyDayQuery } from './my-day.gql';

/**
 * Today's jobs from the API and the last event they reflect, to follow changes from there. Without an answer
 * the page still opens: it says whether the API was out of reach, for the page to show the copy kept on the phone.
 */
export const load: PageLoad = async ({ url }) => {
	const viewer = admit(url);
	const today = todayIn(viewer.organization.timeZone);
	const { data, unreachable } = await pageAnswer(MyDayQuery, { date: today });
	const nodes = data?.viewer?.technician ? data.workOrders.edges.map((edge) => edge.node) : null;
	return {
		today,
		unreachable,
		notATechnician: !!data && !data.viewer?.technician,
		jobs: nodes && inTimeOrder(nodes),
		after: nodes && lastSeq(nodes.flatMap((node) => node.events.map((event) => event.seq)))
	};
};
