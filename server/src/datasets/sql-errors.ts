/**
 * SQLSTATE 23505 from either SQL client (pg and PGlite both put the code on the error): a unique
 * constraint said no, e.g. two datasets of one project with the same name.
 */
export const isSqlUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
