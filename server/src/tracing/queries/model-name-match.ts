import { Prisma } from '../../generated/prisma/client.js';

// What may follow the asked-for name: nothing, or a provider's snapshot date
// (`gpt-4o-2024-08-06`, `claude-3-5-sonnet-20241022`). Not any suffix: `gpt-4o-mini` is another model.
const DATE_SUFFIX = '^(-[0-9]{4}-[0-9]{2}-[0-9]{2}|-[0-9]{8})?$';

/**
 * `column` names the model `model` or a dated snapshot of it. The name is compared as a plain
 * prefix (starts_with) and only the rest against a fixed pattern, so a name's `.`, `%` or `_`
 * mean themselves without escaping them for LIKE or a regular expression.
 */
export const modelNameMatches = (column: Prisma.Sql, model: string): Prisma.Sql =>
  Prisma.sql`(starts_with(${column}, CAST(${model} AS text))
    AND substr(${column}, length(CAST(${model} AS text)) + 1) ~ ${DATE_SUFFIX})`;
