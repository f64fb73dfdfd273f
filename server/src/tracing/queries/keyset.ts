import { InvalidInputError } from '../../errors/app-error.js';
import { Prisma } from '../../generated/prisma/client.js';

/** The SQL types a sort key can have; fixed names, so they can be spliced into SQL safely. */
export type SortKeyType = 'timestamptz' | 'float8' | 'numeric' | 'int' | 'text' | 'uuid';

export type SortDirection = 'ASC' | 'DESC';

/**
 * A total order for keyset pagination: the sort expression, then a unique tie-breaker, both in
 * the same direction. Keyset (not OFFSET) keeps deep pages as cheap as the first one and stable
 * while new rows arrive.
 */
export type Keyset = {
  /** Names the order inside cursors, so a cursor of one order is refused by another. */
  name: string;
  key: Prisma.Sql;
  keyType: SortKeyType;
  tiebreak: Prisma.Sql;
  tiebreakType: SortKeyType;
  direction: SortDirection;
};

export type KeysetPosition = { key: string | null; tiebreak: string };

export type PageRequest = { first: number; after: string | null };

/** Rows of a page query carry their position as text, exactly as the database prints it. */
export type PositionedRow = { sortKey: string | null; tiebreak: string };

export const encodeCursor = (keyset: Keyset, row: PositionedRow) =>
  Buffer.from(JSON.stringify([keyset.name, row.sortKey, row.tiebreak]), 'utf8').toString('base64url');

export const decodeCursor = (keyset: Keyset, cursor: string): KeysetPosition => {
  const invalid = () => new InvalidInputError([{ path: 'after', message: 'is not a cursor of this list and order' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== keyset.name ||
    !(typeof parsed[1] === 'string' || parsed[1] === null) ||
    typeof parsed[2] !== 'string'
  ) {
    throw invalid();
  }
  return { key: parsed[1], tiebreak: parsed[2] };
};

const cast = (value: string | null, type: SortKeyType) => Prisma.sql`CAST(${value} AS ${Prisma.raw(type)})`;

/** The rows strictly after a cursor position in the keyset's order. */
export const afterPosition = (keyset: Keyset, position: KeysetPosition): Prisma.Sql => {
  // Sort keys are never null (callers COALESCE nullable columns), so a row comparison is exact.
  const op = Prisma.raw(keyset.direction === 'DESC' ? '<' : '>');
  return Prisma.sql`(${keyset.key}, ${keyset.tiebreak}) ${op} (${cast(position.key, keyset.keyType)}, ${cast(position.tiebreak, keyset.tiebreakType)})`;
};

export const orderByKeyset = (keyset: Keyset): Prisma.Sql => {
  const direction = Prisma.raw(keyset.direction);
  return Prisma.sql`ORDER BY ${keyset.key} ${direction}, ${keyset.tiebreak} ${direction}`;
};

/** Selects the position columns every page query returns. */
export const positionColumns = (keyset: Keyset): Prisma.Sql =>
  Prisma.sql`(${keyset.key})::text AS "sortKey", (${keyset.tiebreak})::text AS "tiebreak"`;

export type Page<Row> = { rows: (Row & PositionedRow)[]; hasNextPage: boolean };

/**
 * Runs a page query built by the caller around the keyset's condition and order; fetches one
 * row more than asked to learn whether another page follows.
 */
export const fetchPage = async <Row>(
  run: (after: Prisma.Sql, order: Prisma.Sql, limit: number) => Promise<(Row & PositionedRow)[]>,
  keyset: Keyset,
  page: PageRequest,
): Promise<Page<Row>> => {
  const after = page.after ? afterPosition(keyset, decodeCursor(keyset, page.after)) : Prisma.sql`TRUE`;
  const rows = await run(after, orderByKeyset(keyset), page.first + 1);
  return { rows: rows.slice(0, page.first), hasNextPage: rows.length > page.first };
};
