import { z } from 'zod';

/** Evaluator score names and human score names share one shape so filters can address both. */
export const scoreName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[\w.:/-]+$/, 'may contain letters, digits and _ . : / - only');

export const scoreValueFields = {
  value: z.number().finite('must be a finite number').nullish(),
  label: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').nullish(),
};

/** A score is a number or a label, never both and never neither. */
export const valueOrLabel = <S extends z.ZodType<{ value?: number | null; label?: string | null }>>(schema: S) =>
  schema.refine((score) => (score.value == null) !== (score.label == null), {
    message: 'give exactly one of `value` and `label`',
    path: ['value'],
  });
