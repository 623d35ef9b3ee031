import { errorsByField, instantOf } from '$lib/format';
import { conflictMessage } from '$lib/ui/outcome';
import type { ConflictingWorkOrderFragment } from '$lib/gql/graphql';

/** The fields of the work order forms (new work order, reschedule), by the names the errors are shown under. */
export type WorkOrderField =
	| 'customer'
	| 'vehicle'
	| 'serviceType'
	| 'price'
	| 'duration'
	| 'date'
	| 'start'
	| 'end'
	| 'serviceAddress'
	| 'technician'
	| 'customerNotes'
	| 'internalNotes';

/** Messages by field; `form` is for what concerns no one field. */
export type FormErrors = Partial<Record<WorkOrderField | 'form', string>>;

/** Which field shows an error of an input path, e.g. ["input", "windowEnd"] → the End time. */
const FIELD_OF_INPUT: Record<string, WorkOrderField> = {
	customerId: 'customer',
	vehicleId: 'vehicle',
	serviceTypeId: 'serviceType',
	priceMinor: 'price',
	durationMinutes: 'duration',
	windowStart: 'start',
	windowEnd: 'end',
	serviceAddressId: 'serviceAddress',
	technicianId: 'technician',
	customerNotes: 'customerNotes',
	internalNotes: 'internalNotes'
};

type MutationFailure =
	| { __typename: 'ValidationError'; message: string; fieldErrors: { path: string[]; message: string }[] }
	| { __typename: 'ConflictError'; message: string; conflictingWorkOrder?: ConflictingWorkOrderFragment | null }
	| { __typename: string; message: string };

/** The typed error of a work order mutation, shown next to the field it concerns. */
export function formErrorsFrom(failure: MutationFailure, timeZone: string): FormErrors {
	if (failure.__typename === 'ConflictError' && 'conflictingWorkOrder' in failure) {
		return { technician: conflictMessage(failure.conflictingWorkOrder, timeZone, failure.message) };
	}
	if (failure.__typename === 'OutsideAvailabilityError') return { technician: failure.message };
	if (failure.__typename === 'ValidationError' && 'fieldErrors' in failure) {
		const errors: FormErrors = {};
		for (const [input, message] of Object.entries(errorsByField(failure.fieldErrors))) {
			const field = FIELD_OF_INPUT[input] ?? 'form';
			errors[field] ??= message;
		}
		return Object.keys(errors).length ? errors : { form: failure.message };
	}
	return { form: failure.message };
}

/** The window of a local date and start/end clock times ("HH:mm") in the organization's zone. */
export function windowFrom(date: string, start: string, end: string, timeZone: string): { windowStart: string; windowEnd: string } {
	return { windowStart: instantOf(date, start, timeZone), windowEnd: instantOf(date, end, timeZone) };
}

/** Checks what only the person filling the form can fix (nothing chosen yet); everything else is the API's to judge. */
export function missing(values: Partial<Record<WorkOrderField, string | null | undefined>>, messages: Partial<Record<WorkOrderField, string>>): FormErrors {
	const errors: FormErrors = {};
	for (const [field, message] of Object.entries(messages) as [WorkOrderField, string][]) {
		if (!values[field]?.trim()) errors[field] = message;
	}
	return errors;
}

/** What the reschedule form asks: a local date, start and end clock times, and who. */
export interface RescheduleValues {
	date: string;
	start: string;
	end: string;
	technicianId: string | null;
}

/** What the details form of a job that has not started sends; the API judges it. */
export interface DetailValues {
	serviceTypeId: string;
	vehicleId: string;
	priceMinor: number;
	customerNotes: string | null;
	internalNotes: string | null;
}
