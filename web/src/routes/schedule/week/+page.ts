import { redirect } from '@sveltejs/kit';
import { isDate, todayIn } from '$lib/format';
import { admit, pageData } from '$lib/load';
import { daysOf, mondayOf, weekScheduleFrom } from '$lib/schedule/week';
import type { PageLoad } from './$types';
import { WeekQuery } from './week.gql';

/** The week in `?week=`, as its Monday (this week when there is none), its seven days read in one request. */
export const load: PageLoad = async ({ url }) => {
	const viewer = admit(url);
	const { timeZone } = viewer.organization;
	const requested = url.searchParams.get('week');
	const monday = mondayOf(isDate(requested) ? requested : todayIn(timeZone));
	if (requested !== monday) redirect(307, `/schedule/week?week=${monday}`);
	const days = daysOf(monday);
	const variables = Object.fromEntries(days.map((day, i) => [`d${i}`, day])) as Record<'d0' | 'd1' | 'd2' | 'd3' | 'd4' | 'd5' | 'd6', string>;
	const week = await pageData(WeekQuery, variables);
	return { monday, days, ...weekScheduleFrom([week.d0, week.d1, week.d2, week.d3, week.d4, week.d5, week.d6], monday, timeZone) };
};
