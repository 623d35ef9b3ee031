import { atMostCharacters, characterCount } from './characters.js';

/**
 * What a new password must be (OWASP Authentication Cheat Sheet: length, not composition rules, and
 * nothing a guesser would try first). Counted in characters as a person sees them.
 */
export const PASSWORD_LENGTH = { min: 10, max: 200 } as const;

/** Why this password may not be set for this login, or null when it may. */
export function passwordProblem(password: string, login: { email: string; currentPassword?: string }): string | null {
  const length = characterCount(password, PASSWORD_LENGTH.max);
  if (length < PASSWORD_LENGTH.min) return `At least ${PASSWORD_LENGTH.min} characters`;
  if (length > PASSWORD_LENGTH.max) return atMostCharacters(PASSWORD_LENGTH.max);
  if (new Set(password).size === 1) return 'Not one character repeated';
  if (login.currentPassword !== undefined && password === login.currentPassword) return 'Not the same as the current password';
  const lower = password.toLowerCase();
  const name = login.email.toLowerCase().split('@')[0] ?? '';
  if (lower === login.email.toLowerCase() || (name.length >= 3 && lower.includes(name))) return 'Not your email address or a part of it';
  return null;
}
