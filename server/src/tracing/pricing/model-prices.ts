import { z } from 'zod';
import type { Actor, Principal } from '../../auth/principal.js';
import { auditedTransaction } from '../../domain/audited-transaction.js';
import type { ServiceDeps } from '../../domain/service-deps.js';
import { validate } from '../../domain/validate.js';
import { ConflictError, NotFoundError } from '../../errors/app-error.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { repeatsARepetition } from './nested-repetition.js';

const compiles = (pattern: string) => {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
};

// Far above any real price; a typo of a few orders of magnitude is refused rather than stored.
const dollarsPerMillion = z
  .number()
  .min(0, 'must not be negative')
  .max(100_000, 'must be at most 100000 dollars per million tokens');

const priceFields = {
  modelPattern: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(300, 'must be at most 300 characters')
    .refine(compiles, 'must be a valid regular expression, e.g. ^gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$')
    .refine(
      (pattern) => !repeatsARepetition(pattern),
      'must not repeat a group that itself repeats, like (a+)+: such a pattern can take exponential time on a model name',
    ),
  inputPerMillion: dollarsPerMillion,
  outputPerMillion: dollarsPerMillion,
  cachedInputPerMillion: dollarsPerMillion.nullable(),
  effectiveFrom: z.date(),
};

const createInput = z.object(priceFields);
const updateInput = z.object({ id: z.string(), ...priceFields }).partial({
  modelPattern: true,
  inputPerMillion: true,
  outputPerMillion: true,
  cachedInputPerMillion: true,
  effectiveFrom: true,
});

/** Built-in prices (projectId null) are visible to all and editable by none; a project adds its own to override. */
export const visiblePricesWhere = (principal: Principal): Prisma.ModelPriceWhereInput => ({
  OR: [{ projectId: principal.projectId }, { projectId: null }],
});

const findOwnPrice = async (tx: Prisma.TransactionClient, principal: Principal, id: string) => {
  const price = await tx.modelPrice.findFirst({ where: { AND: [visiblePricesWhere(principal), { id }] } });
  if (!price) throw new NotFoundError('ModelPrice', id);
  if (price.projectId === null) {
    throw new ConflictError('Built-in prices cannot be changed; create a project price with the same pattern to override it');
  }
  return price;
};

const summaryOf = (price: {
  modelPattern: string;
  inputPerMillion: unknown;
  outputPerMillion: unknown;
  cachedInputPerMillion: unknown;
  effectiveFrom: Date;
}) => ({
  modelPattern: price.modelPattern,
  inputPerMillion: Number(price.inputPerMillion),
  outputPerMillion: Number(price.outputPerMillion),
  cachedInputPerMillion: price.cachedInputPerMillion === null ? null : Number(price.cachedInputPerMillion),
  effectiveFrom: price.effectiveFrom.toISOString(),
});

export const createModelPrice = (deps: ServiceDeps, principal: Principal, actor: Actor, input: z.input<typeof createInput>) => {
  const data = validate(createInput, input);
  return auditedTransaction(deps, actor, async (tx) => {
    const price = await tx.modelPrice.create({ data: { ...data, projectId: principal.projectId } });
    return {
      result: price,
      audit: [
        {
          action: 'modelPrice.create',
          entityType: 'ModelPrice',
          entityId: price.id,
          projectId: principal.projectId,
          summary: summaryOf(price),
        },
      ],
    };
  });
};

export const updateModelPrice = (deps: ServiceDeps, principal: Principal, actor: Actor, input: z.input<typeof updateInput>) => {
  const { id, ...changes } = validate(updateInput, input);
  return auditedTransaction(deps, actor, async (tx) => {
    const before = await findOwnPrice(tx, principal, id);
    const price = await tx.modelPrice.update({ where: { id }, data: changes });
    return {
      result: price,
      audit: [
        {
          action: 'modelPrice.update',
          entityType: 'ModelPrice',
          entityId: id,
          projectId: principal.projectId,
          summary: { from: summaryOf(before), to: summaryOf(price) },
        },
      ],
    };
  });
};

export const deleteModelPrice = (deps: ServiceDeps, principal: Principal, actor: Actor, id: string) =>
  auditedTransaction(deps, actor, async (tx) => {
    const price = await findOwnPrice(tx, principal, id);
    await tx.modelPrice.delete({ where: { id } });
    return {
      result: price,
      audit: [
        {
          action: 'modelPrice.delete',
          entityType: 'ModelPrice',
          entityId: id,
          projectId: principal.projectId,
          summary: summaryOf(price),
        },
      ],
    };
  });
