import type { SchemaTypes } from '@pothos/core';
import { z } from 'zod';
import { validate } from '../../domain/validate.js';
import { encodeCursor, type Keyset, type Page, type PageRequest } from '../../tracing/queries/keyset.js';
import type { builder } from '../builder.js';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types extends SchemaTypes> ? Types : never;

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

const pageArgs = z.object({
  first: z.number().int().min(0).max(MAX_PAGE_SIZE, `at most ${MAX_PAGE_SIZE} per page`).nullish(),
  after: z.string().nullish(),
  // These lists page forward only: keyset cursors on live data, where new rows arrive at the top.
  last: z.null({ message: 'not supported; page forward with first/after' }).optional(),
  before: z.null({ message: 'not supported; page forward with first/after' }).optional(),
});

type ConnectionArgs = { first?: number | null; after?: string | null; last?: number | null; before?: string | null };

export const pageRequest = (args: ConnectionArgs): PageRequest => {
  const parsed = validate(pageArgs, args);
  return { first: parsed.first ?? DEFAULT_PAGE_SIZE, after: parsed.after ?? null };
};

/** A Relay connection of a keyset page; `totalCount` runs only when a client asks for it. */
export type CountedConnection<Node> = {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
};

export const toConnection = <Row, Node>(
  page: Page<Row>,
  keyset: Keyset,
  nodeOf: (row: Row) => Node | undefined,
  hadCursor: boolean,
  totalCount: () => Promise<number>,
): CountedConnection<Node> => {
  // A row deleted between the page query and the node load (retention) just drops out.
  const edges = page.rows.flatMap((row) => {
    const node = nodeOf(row);
    return node === undefined ? [] : [{ cursor: encodeCursor(keyset, row), node }];
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
};

/** Looks rows up by id, to attach rows loaded in a second query to the page's positions. */
export const byId = <T extends { id: string }>(rows: T[]) => {
  const map = new Map(rows.map((row) => [row.id, row]));
  return (row: { id: string }) => map.get(row.id);
};

/**
 * Connection options adding `totalCount` to a keyset connection built by `toConnection`: the count
 * query runs only when a client selects the field.
 */
export const countedConnectionOptions = (name: string, description: string) => ({
  name,
  fields: <Parent>(c: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Parent>) => ({
    totalCount: c.int({
      description,
      resolve: (connection) => (connection as unknown as CountedConnection<unknown>).totalCount(),
    }),
  }),
});
