import type { CombinedError } from '@urql/core';
import { errorsByField, timeIn } from '$lib/format';
import type { ConflictingWorkOrderFragment } from '$lib/gql/graphql';

/** What a form needs from a mutation that did not succeed. */
export interface Failure {
	ok: false;
	/** Message per input field, from the typed ValidationError. */
	fieldErrors: Record<string, string>;
	/** A message for the whole form (a non-field error, or the network). */
	message: string | null;
}

type Payload = { __typename?: string };

/**
 * Reads a mutation's result union: the success member, or the typed errors a form shows
 * (ValidationError field by field, any other Error as one message, a transport failure as "try again").
 */
export function outcomeOf<U extends Payload, T extends string>(
	payload: U | null | undefined,
	error: CombinedError | undefined,
	success: T
): { ok: true; value: Extract<U, { __typename?: T }> } | Failure {
	if (payload?.__typename === success) return { ok: true, value: payload as Extract<U, { __typename?: T }> };
	if (payload && 'fieldErrors' in payload && Array.isArray(payload.fieldErrors)) {
		const fieldErrors = errorsByField(payload.fieldErrors);
		const message = fieldErrors._ ?? (Object.keys(fieldErrors).length ? null : messageOf(payload));
		return { ok: false, fieldErrors, message };
	}
	if (payload && 'message' in payload) return { ok: false, fieldErrors: {}, message: messageOf(payload) };
	return { ok: false, fieldErrors: {}, message: transportMessage(error) };
}

/** A failure outside the result union: the network, or an error the server did not expect. */
export function transportMessage(error: CombinedError | undefined): string {
	if (error?.networkError) return 'Could not reach the server. Check the connection and try again.';
	return 'The server could not do this just now. Try again; if it keeps happening, tell your administrator.';
}

function messageOf(payload: Payload): string {
	return 'message' in payload && typeof payload.message === 'string' ? payload.message : 'Something went wrong. Try again.';
}

/** An optional text input as the API wants it: trimmed, and null when empty. */
export function optional(text: string | null | undefined): string | null {
	const trimmed = (text ?? '').trim();
	return trimmed ? trimmed : null;
}

/** Whether the API refused a query because the caller may not make it. */
export function isForbidden(error: CombinedError | undefined): boolean {
	return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN');
}

/** The API's refusal of a value the request carried (a cursor, an ID or a date of a page's address), or undefined. */
export function refusedInput(error: CombinedError | undefined): string | undefined {
	return error?.graphQLErrors.find((e) => e.extensions?.code === 'BAD_USER_INPUT')?.message;
}

/** "Maria Lopez is already booked for WO-1042 at 10:30 AM". */
export function conflictMessage(conflict: ConflictingWorkOrderFragment | null | undefined, timeZone: string, fallback: string): string {
	if (!conflict) return fallback;
	const who = conflict.technician?.name ?? 'The technician';
	return `${who} is already booked for ${conflict.label} at ${timeIn(conflict.windowStart, timeZone)}`;
}
