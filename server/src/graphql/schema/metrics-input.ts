import { z } from 'zod';
import { InvalidInputError } from '../../errors/app-error.js';
import { decodeGlobalId } from '../global-id.js';

/**
 * The rules every metrics, analysis and topology range shares. looseObject: the validated value
 * replaces the arguments, and the fields not named here must survive.
 */
export const rangeSchema = z
  .looseObject({ from: z.date(), to: z.date() })
  .refine((r) => r.from < r.to, { message: '`from` must be before `to`', path: ['from'] });

/** 1..100 rows: analysis lists are for dashboards, not exports. */
export const limitSchema = z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100');

/**
 * Decodes a global ID that must name an object of `typename`; raw uuids stay inside the server.
 * A well-formed ID of another project's object simply matches nothing in the scoped queries.
 */
export const decodeTypedId = (globalId: string, typename: string, path: string) => {
  const { typename: actual, id } = decodeGlobalId(globalId);
  if (actual !== typename) throw new InvalidInputError([{ path, message: `expected an ${typename} ID, got a ${actual} ID` }]);
  return id;
};
