import { z } from 'zod';

/** Shared zod field rules of the input types. */
export const optionalText = (max: number) => z.string().trim().max(max).nullish();
