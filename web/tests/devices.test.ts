import { describe, expect, it } from 'vitest';
import { deviceOf, devicesOf } from '../src/lib/account/devices';

const LINUX_CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('the device a session was signed in from', () => {
	it.each([
		[LINUX_CHROME, 'Chrome on Linux'],
		[IPHONE_SAFARI, 'Safari on iPhone'],
		['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari on iPad'],
		['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36', 'Chrome on Android'],
		['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Windows'],
		['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari on macOS'],
		['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0', 'Microsoft Edge on Windows'],
		['curl/8.5.0', 'curl'],
		['node', 'node'],
		[null, 'Unknown device'],
		['   ', 'Unknown device']
	])('reads %s as %s', (userAgent, device) => {
		expect(deviceOf(userAgent)).toBe(device);
	});
});

describe('the rows of the sessions list', () => {
	const session = (id: string, userAgent: string | null, minutesAgo: number, current = false) => ({
		id,
		userAgent,
		createdAt: new Date(Date.UTC(2026, 11, 1, 12) - (minutesAgo + 60) * 60_000).toISOString(),
		lastUsedAt: new Date(Date.UTC(2026, 11, 1, 12) - minutesAgo * 60_000).toISOString(),
		current
	});

	it('puts this device first and alone, then one row per other device, the most recently used first', () => {
		const rows = devicesOf([
			session('a', IPHONE_SAFARI, 1),
			session('b', LINUX_CHROME, 5),
			session('mine', LINUX_CHROME, 10, true),
			session('c', LINUX_CHROME.replace('140', '139'), 30),
			session('d', IPHONE_SAFARI, 60)
		]);
		expect(rows.map((row) => [row.name, row.current, row.sessions.map((s) => s.id)])).toEqual([
			['Chrome on Linux', true, ['mine']],
			['Safari on iPhone', false, ['a', 'd']],
			['Chrome on Linux', false, ['b', 'c']]
		]);
		// A row of several tells the latest sign-in and the latest use among them.
		expect(rows[1]).toMatchObject({ signedInAt: session('a', null, 1).createdAt, lastUsedAt: session('a', null, 1).lastUsedAt });
	});

	it('is empty without sessions (an API key has none)', () => {
		expect(devicesOf([])).toEqual([]);
	});
});
