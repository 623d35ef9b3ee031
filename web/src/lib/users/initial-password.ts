/** Letters and digits that cannot be mistaken for each other when read aloud or copied by hand. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;

/** A random first password, e.g. "k7mq-xr4t-9hwa-3npe" (about 79 bits), for an admin to hand to a new user. */
export function initialPassword(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(GROUPS * GROUP_LENGTH * 2));
	const characters: string[] = [];
	// Rejection sampling keeps every character equally likely.
	const limit = 256 - (256 % ALPHABET.length);
	for (const byte of bytes) {
		if (byte < limit) characters.push(ALPHABET[byte % ALPHABET.length]!);
		if (characters.length === GROUPS * GROUP_LENGTH) break;
	}
	if (characters.length < GROUPS * GROUP_LENGTH) return initialPassword();
	return Array.from({ length: GROUPS }, (_, group) => characters.slice(group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH).join('')).join('-');
}
