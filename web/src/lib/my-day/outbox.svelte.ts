import type { WorkOrderStatus } from '$lib/gql/graphql';

/** A tap on a job's button, kept on the phone until the API has it. */
export interface Tap {
	workOrderId: string;
	status: WorkOrderStatus;
	/** Made once, when the finger lands: every retry of this tap carries it, so the API applies it once. */
	idempotencyKey: string;
	tappedAt: string;
	/** True once an attempt failed (or none could be made): the phone is waiting to send it. */
	waiting: boolean;
}

/** What became of one attempt: the API took it, could not be reached (try again later), or refused it (drop it). */
export type Attempt = { kind: 'sent' } | { kind: 'unreachable' } | { kind: 'refused'; message: string };

const RETRY_EVERY_MS = 5_000;

/** A fresh idempotency key; crypto.randomUUID needs a secure context, getRandomValues does not. */
function newKey(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The taps not yet sent, kept in localStorage (so a reload or a dead battery keeps them) and sent in
 * order: at once when online, again when the browser comes back online, and every few seconds meanwhile.
 * Any number of taps per job may wait (Arrived, Start work, Complete in a dead zone); each goes once.
 */
export class Outbox {
	taps = $state<Tap[]>([]);
	#storageKey: string;
	#send: (tap: Tap) => Promise<Attempt>;
	#onrefused: (tap: Tap, message: string) => void;
	#flushing = false;
	#again = false;

	constructor(storageKey: string, send: (tap: Tap) => Promise<Attempt>, onrefused: (tap: Tap, message: string) => void) {
		this.#storageKey = storageKey;
		this.#send = send;
		this.#onrefused = onrefused;
		this.taps = this.#load();
	}

	/** The taps still to be sent for a job, in the order they were made. */
	pendingFor(workOrderId: string): Tap[] {
		return this.taps.filter((tap) => tap.workOrderId === workOrderId);
	}

	/** Keeps a new tap after any others of the job, then tries to send it. */
	add(workOrderId: string, status: WorkOrderStatus): void {
		const tap: Tap = { workOrderId, status, idempotencyKey: newKey(), tappedAt: new Date().toISOString(), waiting: !navigator.onLine };
		this.#save([...this.taps, tap]);
		void this.flush();
	}

	/**
	 * Sends the kept taps in the order they were made; stops at the first that cannot get through. A refused
	 * tap takes the job's later taps with it: they were steps after one that did not happen.
	 */
	async flush(): Promise<void> {
		if (this.#flushing) {
			this.#again = true;
			return;
		}
		this.#flushing = true;
		try {
			do {
				this.#again = false;
				for (const tap of [...this.taps]) {
					if (!this.taps.some((kept) => kept.idempotencyKey === tap.idempotencyKey)) continue; // dropped with an earlier refusal
					if (!navigator.onLine) {
						this.#markWaiting(tap);
						break;
					}
					const attempt = await this.#send(tap);
					if (attempt.kind === 'unreachable') {
						this.#markWaiting(tap);
						break;
					}
					if (attempt.kind === 'sent') {
						this.#save(this.taps.filter((kept) => kept.idempotencyKey !== tap.idempotencyKey));
					} else {
						this.#save(this.taps.filter((kept) => kept.workOrderId !== tap.workOrderId));
						this.#onrefused(tap, attempt.message);
					}
				}
			} while (this.#again);
		} finally {
			this.#flushing = false;
		}
	}

	/** Retries when the browser says it is back online, and on a timer; returns what stops it. */
	start(): () => void {
		const flush = () => void this.flush();
		window.addEventListener('online', flush);
		const timer = setInterval(() => {
			if (this.taps.length) flush();
		}, RETRY_EVERY_MS);
		flush();
		return () => {
			window.removeEventListener('online', flush);
			clearInterval(timer);
		};
	}

	#markWaiting(tap: Tap) {
		if (!tap.waiting) this.#save(this.taps.map((kept) => (kept.idempotencyKey === tap.idempotencyKey ? { ...kept, waiting: true } : kept)));
	}

	#load(): Tap[] {
		try {
			const raw = localStorage.getItem(this.#storageKey);
			return raw ? (JSON.parse(raw) as Tap[]) : [];
		} catch {
			return [];
		}
	}

	#save(taps: Tap[]) {
		this.taps = taps;
		localStorage.setItem(this.#storageKey, JSON.stringify(taps));
	}
}
