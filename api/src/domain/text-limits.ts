/**
 * The longest text each input takes, in characters as a person sees them (characters.ts `tooLong`): an
 * emoji with its skin tone, a flag or a letter with its accents counts one, as the person typing it
 * counts. One number per field, whoever checks it; the cancel reason, the time-off reason, passwords and
 * webhook URLs keep theirs beside their other rules (status.ts, availability.ts, passwords.ts, webhooks.ts).
 */
export const MAX_CHARACTERS = {
  /** RFC 3696's longest address. */
  email: 320,
  phone: 40,
  /** A search or typeahead term. */
  search: 100,
  idempotencyKey: 200,
  customerName: 200,
  company: 200,
  technicianName: 100,
  userName: 200,
  apiKeyName: 100,
  serviceTypeName: 100,
  serviceTypeDescription: 2000,
  vehicleMake: 80,
  vehicleModel: 80,
  licensePlate: 20,
  vehicleColor: 40,
  vehicleNotes: 2000,
  addressLabel: 80,
  street: 200,
  city: 100,
  region: 100,
  postalCode: 20,
  accessNotes: 2000,
  workOrderNotes: 4000,
  webhookDescription: 500,
} as const;
