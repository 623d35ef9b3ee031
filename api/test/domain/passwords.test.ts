import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/domain/passwords.js';

const login = { email: 'dana@metro.example' };

describe('a new password', () => {
  it('is measured in characters as the person typing it sees them', () => {
    // Five emoji with a skin tone: ten code points, five characters.
    expect(passwordProblem('👍🏿🎉🏿🙌🏿👋🏿✌🏿', login)).toBe('At least 10 characters');
    // 150 accented letters and an x, 301 code points: within 200 characters.
    expect(passwordProblem('áé'.normalize('NFD').repeat(75) + 'x', login)).toBeNull();
    expect(passwordProblem('áé'.normalize('NFD').repeat(100) + 'x', login)).toBe('At most 200 characters');
  });
});
