import { Prisma } from '../generated/prisma/client.js';

/** P2002: a unique constraint said no (two projects with one name, say). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
