/**
 * Prisma's `contains` becomes `ILIKE '%text%'` without escaping the text, so a `%` or `_` typed
 * into a search would match anything. Every search goes through this: the text matches literally
 * (PostgreSQL's default LIKE escape character is the backslash).
 */
export function containsText(text: string) {
  return { contains: text.replace(/[\\%_]/g, (wildcard) => `\\${wildcard}`), mode: 'insensitive' as const };
}
