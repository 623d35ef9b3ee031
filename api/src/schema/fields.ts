import { z } from 'zod';
import { tooLong } from '../domain/characters.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';

/** Shared zod field rules of the input types. */

/** At most `max` characters as a person sees them (domain/characters.ts), the one way every text limit counts. */
export const atMost = (max: number) => (value: string, context: z.RefinementCtx) => {
  const problem = tooLong(value, max);
  if (problem) context.addIssue({ code: 'custom', message: problem });
};

export const optionalText = (max: number) => z.string().trim().superRefine(atMost(max)).nullish();

export const requiredText = (max: number, message: string) => z.string().trim().min(1, message).superRefine(atMost(max));

/** An email address of at most MAX_CHARACTERS.email characters. */
export const email = () => z.email('Not an email address').superRefine(atMost(MAX_CHARACTERS.email));
