import Bowser from 'bowser';

/**
 * "Chrome on Linux", "Safari on iPhone": the browser and what it runs on, read from a session's user
 * agent. A program that is no browser ("curl/8.5.0") is named by its own first word.
 */
export function deviceOf(userAgent: string | null): string {
	if (!userAgent?.trim()) return 'Unknown device';
	const parser = Bowser.getParser(userAgent);
	const browser = parser.getBrowserName();
	const { vendor, model } = parser.getPlatform();
	// An iPhone or iPad says what it is; "iOS" says less to its owner.
	const system = vendor === 'Apple' && model ? model : parser.getOSName();
	if (browser && system) return `${browser} on ${system}`;
	return browser || system || userAgent.trim().split(/[\s/]/)[0]!;
}

interface Session {
	id: string;
	userAgent?: string | null;
	createdAt: string;
	lastUsedAt: string;
	current: boolean;
}

/** A row of the sessions list: one device, and the sessions of it that still work. */
export interface Device<S extends Session> {
	name: string;
	sessions: S[];
	/** Whether this is the session of the browser looking at the list (always a row of its own). */
	current: boolean;
	/** The latest sign-in and the latest use among its sessions. */
	signedInAt: string;
	lastUsedAt: string;
}

const latest = (instants: string[]) => instants.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

/**
 * Sessions as their owner tells them apart: this device first, then one row per other device (every
 * session with the same name together, as signing in again from one browser leaves several), the most
 * recently used first.
 */
export function devicesOf<S extends Session>(sessions: S[]): Device<S>[] {
	const groups = new Map<string, S[]>();
	for (const session of sessions) {
		const key = session.current ? `current:${session.id}` : deviceOf(session.userAgent ?? null);
		groups.set(key, [...(groups.get(key) ?? []), session]);
	}
	return [...groups.values()]
		.map((group) => ({
			name: deviceOf(group[0]!.userAgent ?? null),
			sessions: group,
			current: group[0]!.current,
			signedInAt: latest(group.map((s) => s.createdAt)),
			lastUsedAt: latest(group.map((s) => s.lastUsedAt))
		}))
		.sort((a, b) => Number(b.current) - Number(a.current) || Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt));
}
