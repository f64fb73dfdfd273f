import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { validate } from '../../domain/validate.js';
import { type ApplicationOverview, applicationOverviews } from '../../tracing/queries/application-overview.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { ApplicationRef } from './application.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export const ApplicationOverviewRef = builder
  .objectRef<ApplicationOverview & { from: Date; to: Date }>('ApplicationOverview')
  .implement({
    description: 'What an application did over [from, to), by trace and span start time.',
    fields: (t) => ({
      from: t.expose('from', { type: 'DateTime' }),
      to: t.expose('to', { type: 'DateTime' }),
      requests: t.exposeInt('requests', { description: 'Traces whose root span belongs to the application.' }),
      errors: t.exposeInt('errors', { description: 'Of those, traces with an error.' }),
      latencyP50: t.exposeFloat('latencyP50', { nullable: true, description: 'Trace latency in ms; null without traces.' }),
      latencyP90: t.exposeFloat('latencyP90', { nullable: true }),
      latencyP99: t.exposeFloat('latencyP99', { nullable: true }),
      modelCalls: t.exposeInt('modelCalls', { description: 'LLM spans of the application.' }),
      inputTokens: t.exposeFloat('inputTokens', { description: 'Of the requests; Float because sums outgrow 32 bits.' }),
      outputTokens: t.exposeFloat('outputTokens'),
      totalTokens: t.exposeFloat('totalTokens'),
      cost: t.exposeFloat('cost', { description: 'US dollars, of the requests; unpriced calls count as 0.' }),
      traces: t.exposeInt('traces', { description: 'Traces the application took part in, as root or downstream.' }),
      spans: t.exposeInt('spans'),
      sessions: t.exposeInt('sessions'),
      users: t.exposeInt('users'),
    }),
  });

// One loader per request and range: a page of applications asking for the same range is one query.
const overviewLoaders = createContextCache((ctx: GraphQLContext) => {
  const loaders = new Map<string, DataLoader<string, ApplicationOverview>>();
  return (from: Date, to: Date) => {
    const key = `${from.toISOString()}/${to.toISOString()}`;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await applicationOverviews(ctx.prisma, ctx.principal.projectId, ids, { from, to });
        const byId = new Map(rows.map((row) => [row.applicationId, row]));
        return ids.map((id) => byId.get(id) ?? new Error(`no overview for ${id}`));
      });
      loaders.set(key, loader);
    }
    return loader;
  };
});

const rangeArgs = z
  .object({ from: z.date(), to: z.date() })
  .refine((range) => range.from < range.to, { message: '`from` must be before `to`', path: ['from'] });

builder.objectField(ApplicationRef, 'overview', (t) =>
  t.field({
    type: ApplicationOverviewRef,
    description: 'Requests, errors, latency, model calls, tokens, cost, traces, spans, sessions and users.',
    args: {
      from: t.arg({ type: 'DateTime', required: false, description: 'Inclusive; defaults to 24 hours before `to`.' }),
      to: t.arg({ type: 'DateTime', required: false, description: 'Exclusive; defaults to now.' }),
    },
    resolve: async (application, args, ctx) => {
      const to = args.to ?? new Date();
      const range = validate(rangeArgs, { from: args.from ?? new Date(to.getTime() - DAY_MS), to });
      const overview = await overviewLoaders(ctx)(range.from, range.to).load(application.id);
      return { ...overview, ...range };
    },
  }),
);
