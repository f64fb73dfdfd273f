import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { applicationScoreSummaries, type ScoreSummary } from '../../tracing/queries/application-score-summary.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { ApplicationOverviewRef } from './application-overview.js';

const ScoreSummaryRef = builder.objectRef<ScoreSummary>('ScoreSummary').implement({
  description: "Current scores of one name about an application's traces in the overview's range.",
  fields: (t) => ({
    name: t.exposeString('name'),
    count: t.exposeInt('count'),
    avg: t.exposeFloat('avg', { nullable: true, description: 'Of the numeric values; null when all are labels.' }),
    lastValue: t.exposeFloat('lastValue', { nullable: true, description: 'Of the most recently written score.' }),
    lastLabel: t.exposeString('lastLabel', { nullable: true }),
    lastAt: t.expose('lastAt', { type: 'DateTime', description: 'When the most recent score was written.' }),
  }),
});

// Per request and range, like the overview itself: a page of applications is one query.
const summaryLoaders = createContextCache((ctx: GraphQLContext) => {
  const loaders = new Map<string, DataLoader<string, ScoreSummary[]>>();
  return (from: Date, to: Date) => {
    const key = `${from.toISOString()}/${to.toISOString()}`;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await applicationScoreSummaries(ctx.prisma, ctx.principal.projectId, ids, { from, to });
        const byApplication = new Map<string, ScoreSummary[]>();
        for (const row of rows) byApplication.set(row.applicationId, [...(byApplication.get(row.applicationId) ?? []), row]);
        return ids.map((id) => byApplication.get(id) ?? []);
      });
      loaders.set(key, loader);
    }
    return loader;
  };
});

builder.objectField(ApplicationOverviewRef, 'scores', (t) =>
  t.field({
    type: [ScoreSummaryRef],
    description:
      "Per score name (by name): count, average and the latest of the current scores about the application's traces in the range (a span's score counts for its trace).",
    resolve: (overview, _args, ctx) => summaryLoaders(ctx)(overview.from, overview.to).load(overview.applicationId),
  }),
);
