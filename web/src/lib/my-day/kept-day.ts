import type { Job } from './jobs';

/** The last copy of a technician's day this phone received, to open without signal. */
export interface KeptDay {
	date: string;
	/** When the API sent it. */
	savedAt: string;
	jobs: Job[];
}

/** Keeps the day's jobs in localStorage under `key` (one technician on this phone). */
export function keepDay(key: string, date: string, jobs: Job[]): void {
	try {
		localStorage.setItem(key, JSON.stringify({ date, savedAt: new Date().toISOString(), jobs } satisfies KeptDay));
	} catch {
		// Storage full or refused: the phone still works online, it just cannot open this day offline.
	}
}

/** The kept copy of `date`, if this phone has one (a copy of another day is of no use). */
export function keptDay(key: string, date: string): KeptDay | null {
	try {
		const kept = JSON.parse(localStorage.getItem(key) ?? 'null') as KeptDay | null;
		return kept?.date === date ? kept : null;
	} catch {
		return null;
	}
}
