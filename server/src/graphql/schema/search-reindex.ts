import { actorOf } from '../../auth/principal.js';
import type { IndexLag } from '../../http/readiness.js';
import { type ReindexResult, reindexDatasets } from '../../search/reindex-datasets.js';
import { builder } from '../builder.js';
import { DatasetRef } from './dataset.js';
import { mutationErrors } from './errors.js';

export const SearchIndexLagRef = builder.objectRef<IndexLag>('SearchIndexLag').implement({
  description:
    'Index work written to the search outbox and not yet applied to Meilisearch (as /readyz reports it). ' +
    'Zero pending means search shows every committed write.',
  fields: (t) => ({
    pending: t.exposeInt('pending', { description: 'Outbox rows waiting (record changes, rebuilds, index drops).' }),
    failing: t.exposeInt('failing', { description: 'Of those, rows that failed at least once and are retried with backoff.' }),
    oldestPendingSeconds: t.exposeFloat('oldestPendingSeconds', {
      nullable: true,
      description: 'Age of the oldest waiting row; null when nothing waits.',
    }),
  }),
});

const ReindexSearchPayload = builder.objectRef<ReindexResult>('ReindexSearchPayload').implement({
  description: 'A queued rebuild. Poll `indexLag` through the same mutation, or /readyz, to see it drain.',
  fields: (t) => ({
    datasets: t.field({
      type: [DatasetRef],
      description: 'The datasets whose index is rebuilt.',
      resolve: (result, _args, ctx) =>
        ctx.prisma.dataset.findMany({ where: { id: { in: result.datasetIds }, projectId: ctx.principal.projectId } }),
    }),
    queued: t.exposeInt('queued', {
      description: 'Rebuilds newly queued; fewer than the datasets when some already had one waiting.',
    }),
    indexLag: t.field({
      type: SearchIndexLagRef,
      description: "These datasets' index lag right after queueing.",
      resolve: (result) => result.indexLag,
    }),
  }),
});

const ReindexDatasetSearchInput = builder.inputType('ReindexDatasetSearchInput', {
  fields: (t) => ({ dataset: t.globalID({ for: DatasetRef, required: true }) }),
});

builder.mutationField('reindexDatasetSearch', (t) =>
  t.field({
    type: ReindexSearchPayload,
    authScopes: { admin: true },
    errors: { types: mutationErrors },
    description:
      "Rebuilds the dataset's search index from the database (after Meilisearch lost or corrupted it). Searches keep " +
      'answering from the old index until the new one is swapped in. Also `npx agentloop search reindex`.',
    args: { input: t.arg({ type: ReindexDatasetSearchInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      reindexDatasets(ctx, ctx.principal.projectId, actorOf(ctx.principal, ctx.requestId), input.dataset.id),
  }),
);

builder.mutationField('reindexProjectSearch', (t) =>
  t.field({
    type: ReindexSearchPayload,
    authScopes: { admin: true },
    errors: { types: mutationErrors },
    description:
      'Rebuilds the search index of every dataset of this project from the database, as reindexDatasetSearch does for one.',
    resolve: (_root, _args, ctx) => reindexDatasets(ctx, ctx.principal.projectId, actorOf(ctx.principal, ctx.requestId), null),
  }),
);
