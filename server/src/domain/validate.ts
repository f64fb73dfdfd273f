import type { z } from 'zod';
import { InvalidInputError } from '../errors/app-error.js';

/** zod at the service boundary: the CLI and GraphQL get the same rules and messages. */
export const validate = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
};
