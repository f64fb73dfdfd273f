import { pino } from 'pino';
import { z } from 'zod';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { type DatasetDrainOutcome, drainDatasets } from '../../search/drain-datasets.js';
import { modelServiceEmbedders } from '../../search/model-service-embedders.js';
import { reindexDatasets } from '../../search/reindex-datasets.js';
import { openSearchBackend } from '../../search/search-backend.js';
import { createSecretKeyring } from '../../secrets/secret-keyring.js';
import { cliActor } from '../cli-actor.js';
import { defineCommand } from '../define-command.js';
import { formatTable, plural } from '../human-format.js';
import { resolveDatasets } from '../resolve-datasets.js';
import { withDatabase } from '../with-database.js';

const SEARCH_REINDEX = ['search', 'reindex'] as const;

/** Some datasets' indexes could not be rebuilt; the rest were, and the workers retry these. */
export class ReindexFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReindexFailedError';
  }
}

export const searchReindexCommand = defineCommand({
  path: SEARCH_REINDEX,
  summary: 'Rebuild dataset search indexes from the database',
  synopsis: '[--dataset <id|name>] [--project <id|name>]',
  details: [
    '  --dataset <id|name>    Only this dataset (a name must be unambiguous; add --project if not).',
    '  --project <id|name>    Only the datasets of this project.',
    '  With neither: every dataset of every project.',
    '',
    'Queues a rebuild (audited, as the reindexDatasetSearch mutation does) and then applies it in this',
    'process, from PostgreSQL/PGlite into Meilisearch (MEILI_HOST, or the embedded binary in the data',
    'directory), and exits when every index is rebuilt. Searches answer from the old index until the new',
    'one is swapped in. Work another worker has already claimed is waited for, not taken. Embeddings',
    "come from each dataset's model service, as in the server. Exits 1, naming the datasets, if any",
    'rebuild failed (the workers retry them with backoff).',
  ],
  usesDatabase: true,
  options: { dataset: { type: 'string' }, project: { type: 'string' } },
  schema: z.object({ dataset: z.string().min(1).optional(), project: z.string().min(1).optional() }),
  run: (input, env) =>
    withDatabase(env, { requireMigrated: true }, async ({ prisma, sql, config }) => {
      const started = Date.now();
      const datasets = await resolveDatasets(prisma, input, SEARCH_REINDEX);
      // Logs go to stderr: stdout is the command's output (and --json must stay parseable).
      const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
      const search = await openSearchBackend(config.search, logger);
      try {
        await search.health();
        const projects = new Map(datasets.map((dataset) => [dataset.projectId, dataset]));
        for (const [projectId, dataset] of projects) {
          await reindexDatasets(
            { sql, pubsub: null },
            projectId,
            cliActor(dataset.organizationId),
            input.dataset === undefined ? null : dataset.id,
          );
        }
        const embedders = modelServiceEmbedders({ sql, secrets: createSecretKeyring(config.secrets) });
        const outcomes = new Map<string, DatasetDrainOutcome>(
          (
            await drainDatasets(
              { sql, search, embedders, logger },
              datasets.map((dataset) => dataset.id),
            )
          ).map((outcome) => [outcome.datasetId, outcome]),
        );
        const report = datasets.map((dataset) => {
          const outcome = outcomes.get(dataset.id);
          return {
            id: dataset.id,
            globalId: encodeGlobalId('Dataset', dataset.id),
            name: dataset.name,
            projectId: dataset.projectId,
            projectName: dataset.projectName,
            ok: outcome?.ok ?? false,
            error: outcome && !outcome.ok ? outcome.error : null,
          };
        });
        const failed = report.filter((row) => !row.ok);
        if (failed.length > 0) {
          throw new ReindexFailedError(
            `the search index of ${failed.length} of ${plural(report.length, 'dataset')} could not be rebuilt ` +
              `(the workers retry): ${failed.map((row) => `${row.projectName}/${row.name}: ${row.error}`).join('; ')}`,
          );
        }
        const seconds = Math.round((Date.now() - started) / 100) / 10;
        return {
          json: { datasets: report, seconds },
          text:
            report.length === 0
              ? 'No datasets to reindex.'
              : `${formatTable(
                  ['PROJECT', 'DATASET', 'ID'],
                  report.map((row) => [row.projectName, row.name, row.id]),
                )}Rebuilt the search index of ${plural(report.length, 'dataset')} in ${seconds} s.`,
        };
      } finally {
        await search.close();
      }
    }),
});
