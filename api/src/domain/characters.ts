/**
 * Lengths of text as a person sees it: in characters (extended grapheme clusters), so that an emoji with
 * its skin tone, a flag or a letter with its accents counts one, as the person typing it counts.
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * No character anyone types takes more code units than this (the longest emoji sequences take 15); a
 * text with more per character is refused as too long whatever it shows.
 */
export const MAX_CODE_UNITS_PER_CHARACTER = 32;

/**
 * How many characters `text` has, counted up to `max + 1`: more than `max` says "too long" without
 * reading further. Only the first (max + 1) × MAX_CODE_UNITS_PER_CHARACTER code units are segmented,
 * so a text of megabytes costs no more than one just over the limit.
 */
export function characterCount(text: string, max: number): number {
  const read = text.slice(0, (max + 1) * MAX_CODE_UNITS_PER_CHARACTER);
  let count = 0;
  for (const _character of graphemes.segment(read)) {
    if (++count > max) return count;
  }
  return read.length < text.length ? max + 1 : count;
}

/** The one message of every "too long" in characters. */
export function atMostCharacters(max: number): string {
  return `At most ${max} characters`;
}

/** "At most `max` characters" when the text has more, else null: every text limit's one check. */
export function tooLong(text: string, max: number): string | null {
  return characterCount(text, max) > max ? atMostCharacters(max) : null;
}
