import type { Client, TypedDocumentNode } from '@urql/core';

interface ChangeVariables {
	after?: string | null;
}

/** How long to wait before following again after the API ended a subscription with an error. */
const FOLLOW_AGAIN_MS = 1_000;

/**
 * Follows a stream of WorkOrderChange messages (`scheduleChanged`, `workOrderChanged`, `myAssignments`): hands each change on
 * once, in order, and remembers the last `seq` seen in the subscription's variables as `after`.
 *
 * graphql-ws re-sends the same variables object when it re-subscribes after a lost connection, so keeping
 * `after` current there makes the server replay exactly what was missed, then go live again. When the API
 * ends the subscription with an error instead (SUBSCRIBER_TOO_SLOW, after a tab stopped reading), it is
 * followed again from the same `after`. Anything at or below the last seq (a replay overlapping what
 * already arrived) is dropped.
 */
export function followChanges<Data, Variables extends ChangeVariables, Change extends { seq: string }>(
	client: Client,
	subscription: TypedDocumentNode<Data, Variables>,
	variables: Variables,
	changeOf: (data: Data) => Change,
	onChange: (change: Change) => void
): () => void {
	const live: ChangeVariables & Variables = { ...variables };
	let current = { unsubscribe: () => {} };
	let again: ReturnType<typeof setTimeout> | undefined;
	const follow = () => {
		const followed = client.subscription(subscription, live).subscribe((result) => {
			if (result.error) {
				followed.unsubscribe();
				again = setTimeout(follow, FOLLOW_AGAIN_MS);
				return;
			}
			if (!result.data) return;
			const change = changeOf(result.data);
			if (live.after != null && BigInt(change.seq) <= BigInt(live.after)) return;
			live.after = change.seq;
			onChange(change);
		});
		current = followed;
	};
	follow();
	return () => {
		clearTimeout(again);
		current.unsubscribe();
	};
}

/** The highest of some event sequence numbers (strings of digits), or null when there are none. */
export function lastSeq(seqs: Iterable<string>): string | null {
	let last: bigint | null = null;
	for (const seq of seqs) {
		const value = BigInt(seq);
		if (last === null || value > last) last = value;
	}
	return last === null ? null : last.toString();
}

/**
 * A list of work orders once `changed` is known: it replaces an older copy of itself (never a newer one),
 * and stays in the list only while `belongs` says so (e.g. its window is still on the day shown).
 */
export function withLatest<T extends { id: string; version: number }>(list: T[], changed: T, belongs: (item: T) => boolean = () => true): T[] {
	const current = list.find((item) => item.id === changed.id);
	if (current && current.version > changed.version) return list;
	const others = list.filter((item) => item.id !== changed.id);
	return belongs(changed) ? [...others, changed] : others;
}
