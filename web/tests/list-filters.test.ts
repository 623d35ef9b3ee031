import { describe, expect, it } from 'vitest';
import { backLinkOf } from '../src/lib/work-order/back-link';
import { filtersFromUrl, firstPage, listUrl, listUrlWith } from '../src/lib/work-orders/list-filters';

const TODAY = '2026-12-01';
const filters = (query: string) => filtersFromUrl(new URLSearchParams(query), TODAY);

describe('the work orders list in its URL', () => {
	it('opens at today: no from is today, an empty one is every date, a date is that date', () => {
		expect(filters('').from).toBe(TODAY);
		expect(filters('from=').from).toBe('');
		expect(filters('from=2026-11-20').from).toBe('2026-11-20');
		expect(filters('from=yesterday').from).toBe('');
	});

	it("leaves today's first day out of the address, and keeps every date and other days in it", () => {
		expect(listUrl(filters(''), TODAY)).toBe('/work-orders');
		expect(listUrl({ ...filters(''), from: '' }, TODAY)).toBe('/work-orders?from=');
		expect(listUrl({ ...filters('q=QZ&status=SCHEDULED'), from: '2026-11-20' }, TODAY)).toBe('/work-orders?q=QZ&status=SCHEDULED&from=2026-11-20');
		for (const query of ['', 'from=', 'q=QZ&from=2026-11-20&to=2026-11-30', 'technician=unassigned&after=abc']) {
			expect(filters(new URL(listUrl(filters(query), TODAY), 'http://x').search.slice(1))).toEqual(filters(query));
		}
		expect(listUrl(firstPage(filters('from=&after=abc')), TODAY)).toBe('/work-orders?from=');
	});
});

describe('a link to the list from another page', () => {
	it("sets only the filters it names: a customer's upcoming jobs start today, their past ones at the first day", () => {
		expect(listUrlWith({ customer: 'c1' }, TODAY)).toBe('/work-orders?customer=c1');
		const past = listUrlWith({ customer: 'c1', from: '', to: '2026-11-30' }, TODAY);
		expect(filters(new URL(past, 'http://x').search.slice(1))).toMatchObject({ customer: 'c1', from: '', to: '2026-11-30', search: '', statuses: [] });
	});
});

describe("a work order's back link", () => {
	const job = { day: '2026-12-03', customer: { id: 'Q3VzdG9tZXI6MQ==', name: 'Metro Plumbing' } };
	const from = (path: string) => new URL(path, 'http://dispatch.test');

	it('goes back to where the job was opened, with the right words', () => {
		expect(backLinkOf(from('/work-orders?q=QZ&status=SCHEDULED'), job)).toEqual({ href: '/work-orders?q=QZ&status=SCHEDULED', label: 'Work orders' });
		expect(backLinkOf(from(`/customers/${encodeURIComponent(job.customer.id)}`), job)).toEqual({ href: `/customers/${encodeURIComponent(job.customer.id)}`, label: 'Metro Plumbing' });
		expect(backLinkOf(from('/customers/another'), job)).toEqual({ href: '/customers/another', label: 'Customer' });
		expect(backLinkOf(from('/schedule?date=2026-12-02'), job)).toEqual({ href: '/schedule?date=2026-12-02', label: 'Schedule · Wed, Dec 2' });
		expect(backLinkOf(from('/schedule/week?week=2026-11-30'), job)).toEqual({ href: '/schedule/week?week=2026-11-30', label: 'Week of Mon, Nov 30' });
		expect(backLinkOf(from('/technicians'), job)).toEqual({ href: '/technicians', label: 'Technicians' });
	});

	it("goes to the board on the job's day when it was opened from nowhere it can name", () => {
		const board = { href: '/schedule?date=2026-12-03', label: 'Schedule · Thu, Dec 3' };
		expect(backLinkOf(null, job)).toEqual(board);
		expect(backLinkOf(from('/account'), job)).toEqual(board);
		expect(backLinkOf(from('/work-orders/another'), job)).toEqual(board);
	});
});
