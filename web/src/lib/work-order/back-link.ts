import { isDate, shortDate } from '../format';
import { navigationLabelOf } from '../pages';

/** A work order page's way back: where it goes, and what it says (after "←"). */
export interface BackLink {
	href: string;
	label: string;
}

/**
 * Back to where the work order was opened from: the list with its filters, the customer's page, the board
 * on its day or week, or any page of the navigation. Opened from nowhere (a link from outside, another job),
 * it goes to the board on the job's day.
 */
export function backLinkOf(from: URL | null, job: { day: string; customer: { id: string; name: string } }): BackLink {
	const board = { href: `/schedule?date=${job.day}`, label: `Schedule · ${shortDate(job.day)}` };
	if (!from) return board;
	const href = `${from.pathname}${from.search}`;
	if (from.pathname === '/schedule') {
		const date = from.searchParams.get('date');
		return { href, label: `Schedule · ${shortDate(isDate(date) ? date : job.day)}` };
	}
	if (from.pathname === '/schedule/week') {
		const monday = from.searchParams.get('week');
		return { href, label: isDate(monday) ? `Week of ${shortDate(monday)}` : 'Week' };
	}
	const customer = /^\/customers\/([^/]+)$/.exec(from.pathname);
	if (customer) return { href, label: decodeURIComponent(customer[1]!) === job.customer.id ? job.customer.name : 'Customer' };
	const label = navigationLabelOf(from.pathname);
	return label ? { href, label } : board;
}

const OPENED_FROM = 'dispatch.opened-from:';

/**
 * The page a work order (at `path`) was opened from in this tab: the one just left, or, after a reload
 * (which leaves none), the one kept for it in sessionStorage.
 */
export function openedFrom(path: string, from: URL | null): URL | null {
	if (from && from.pathname !== path) {
		sessionStorage.setItem(`${OPENED_FROM}${path}`, `${from.pathname}${from.search}`);
		return from;
	}
	const kept = sessionStorage.getItem(`${OPENED_FROM}${path}`);
	return kept ? new URL(kept, location.origin) : null;
}
