import { z } from 'zod';
import { decodeGlobalId } from '../graphql/global-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const tryDecodeGlobalId = (value: string) => {
  try {
    return decodeGlobalId(value);
  } catch {
    return null;
  }
};

const withArticle = (noun: string) => `${/^[AEIOU]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/**
 * An ID on the command line: the database UUID the CLI prints, or the GraphQL global ID of a
 * `typename` (what GraphQL clients and the web UI show), so either can be pasted.
 */
export const idArgument = (typename: string) =>
  z.string().transform((value, ctx) => {
    if (UUID.test(value)) return value.toLowerCase();
    const decoded = tryDecodeGlobalId(value);
    if (decoded?.typename === typename) return decoded.id;
    ctx.addIssue({
      code: 'custom',
      message: decoded
        ? `that is the GraphQL ID of ${withArticle(decoded.typename)}, not of ${withArticle(typename)}`
        : `expected ${withArticle(typename)} ID (a UUID or a GraphQL global ID)`,
    });
    return z.NEVER;
  });
