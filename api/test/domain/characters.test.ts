import { describe, expect, it } from 'vitest';
import { characterCount, MAX_CODE_UNITS_PER_CHARACTER, tooLong } from '../../src/domain/characters.js';

/** Characters a person types, with how many UTF-16 code units each takes. */
const THUMBS_UP_DARK = '👍🏿'; // 4: the emoji and its skin tone
const FAMILY = '👨‍👩‍👧‍👦'; // 11: four people joined by zero-width joiners
const FLAG = '🇨🇦'; // 4: two regional indicators
const COMBINED_E = 'e\u0301'; // 2: e with a combining acute accent
const VIETNAMESE = 'ệ'.normalize('NFD'); // 3: e with two combining marks

describe('characters as a person counts them', () => {
  it.each([
    ['an emoji with its skin tone', THUMBS_UP_DARK],
    ['a family of four', FAMILY],
    ['a flag', FLAG],
    ['a letter with a combining accent', COMBINED_E],
    ['a letter with two combining marks', VIETNAMESE],
  ])('counts %s as one character', (_name, character) => {
    expect(character.length).toBeGreaterThan(1);
    expect(characterCount(character.repeat(7), 10)).toBe(7);
  });

  it('stops counting one past the limit', () => {
    expect(characterCount('abc', 2)).toBe(3);
    expect(characterCount(FAMILY.repeat(50), 10)).toBe(11);
  });

  it('counts a text of 10 MB as over the limit, reading only its beginning', () => {
    const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);
    expect(characterCount(tenMegabytes, 500)).toBe(501);
    expect(characterCount(THUMBS_UP_DARK.repeat(2.5 * 1024 * 1024), 500)).toBe(501);
  });

  it('counts a character stacked with more marks than anyone types as over the limit', () => {
    const stacked = `e${'\u0301'.repeat(11 * MAX_CODE_UNITS_PER_CHARACTER)}`;
    expect(characterCount(stacked, 10)).toBe(11);
    expect(characterCount(`e${'\u0301'.repeat(10 * 1024 * 1024)}`, 500)).toBe(501);
  });

  it('says a text is too long only past the limit in characters: 200 families fit in 200, whatever their 2,200 code units', () => {
    expect(tooLong(FAMILY.repeat(200), 200)).toBeNull();
    expect(tooLong(VIETNAMESE.repeat(200), 200)).toBeNull();
    expect(tooLong(`${FAMILY.repeat(200)}x`, 200)).toBe('At most 200 characters');
  });
});
