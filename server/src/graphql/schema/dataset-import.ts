import type { RowError } from '../../datasets/transfer/import-records.js';
import { InvalidInputError } from '../../errors/app-error.js';
import type { DatasetImportProgressEvent } from '../../pubsub/events.js';
import { filterEvents } from '../../pubsub/filter-events.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetRef } from './dataset.js';
import { idOf } from './trace-filter-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DatasetImportStatusEnum = builder.enumType('DatasetImportStatus', {
  values: {
    RUNNING: { description: 'Reading and writing rows.' },
    SUCCEEDED: { description: 'Read to the end; rejected rows (onError=continue) are counted and listed.' },
    FAILED: {
      description:
        'onError=stop met a bad row (nothing was imported), the file broke off, an error occurred, or the server ' +
        'running it stopped; `failureReason` says which.',
    },
    CANCELLED: { description: 'The upload was cut off by its sender; batches committed before stay (onError=continue).' },
  } as const,
});

export const DatasetImportFormatEnum = builder.enumType('DatasetImportFormat', {
  values: { JSONL: { value: 'jsonl' }, CSV: { value: 'csv' } } as const,
});

export const DatasetImportOnErrorEnum = builder.enumType('DatasetImportOnError', {
  values: {
    CONTINUE: { value: 'continue', description: 'Bad rows are reported and skipped; good rows commit batch by batch.' },
    STOP: { value: 'stop', description: 'All or nothing: the first bad row stops the import and nothing is written.' },
  } as const,
});

const RowErrorRef = builder.objectRef<RowError>('DatasetImportRowError').implement({
  description: 'Why one row of the file was rejected.',
  fields: (t) => ({
    row: t.exposeInt('row', { description: '1-based: the line of JSONL, the record after the header of CSV.' }),
    field: t.exposeString('field', { nullable: true, description: 'The field at fault; null when the row as a whole is.' }),
    message: t.exposeString('message'),
  }),
});

/** Writers are stored as the API key id or 'cli'; clients see the key's global ID. */
const actorId = (actor: string) => (UUID.test(actor) ? encodeGlobalId('ApiKey', actor) : actor);

export const DatasetImportRef = builder.prismaNode('DatasetImport', {
  nullable: true,
  id: { field: 'id' },
  description:
    'One JSONL or CSV import into a dataset (over HTTP or from the CLI): its status, counters and first row errors. ' +
    'Counters follow every committed batch; with onError=stop they are committed only at the end (follow ' +
    '`datasetImportProgress` for live numbers).',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    dataset: t.relation('dataset'),
    format: t.field({ type: DatasetImportFormatEnum, resolve: (row) => row.format as 'jsonl' | 'csv' }),
    onError: t.field({ type: DatasetImportOnErrorEnum, resolve: (row) => row.onError as 'continue' | 'stop' }),
    status: t.expose('status', { type: DatasetImportStatusEnum }),
    rowsRead: t.exposeInt('rowsRead', { description: 'Rows read from the file (blank lines not counted).' }),
    rowsImported: t.exposeInt('rowsImported', { description: 'Rows committed to the dataset.' }),
    rowsRejected: t.exposeInt('rowsRejected', { description: 'Rows refused (unreadable or invalid against the schema).' }),
    errors: t.field({
      type: [RowErrorRef],
      description: 'The first 1,000 row errors in file order (a row may have one per field).',
      resolve: (row) => (Array.isArray(row.errors) ? (row.errors as RowError[]) : []),
    }),
    errorsTruncated: t.exposeBoolean('errorsTruncated', { description: 'More errors occurred than `errors` lists.' }),
    failureReason: t.exposeString('failureReason', { nullable: true, description: 'Why it FAILED or was CANCELLED.' }),
    createdBy: t.string({
      description: 'Global ID of the API key that started it, or `cli` for the operator command line.',
      resolve: (row) => actorId(row.createdBy),
    }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.prismaObjectFields(DatasetRef, (t) => ({
  imports: t.relatedConnection('imports', {
    cursor: 'id',
    totalCount: true,
    description: 'Imports into this dataset, newest first.',
    query: { orderBy: { id: 'desc' } },
  }),
}));

builder.queryField('datasetImport', (t) =>
  t.prismaField({
    type: DatasetImportRef,
    nullable: true,
    authScopes: { viewer: true },
    description: 'One import by ID (null when it does not exist or belongs to another project).',
    args: { id: t.arg.globalID({ for: DatasetImportRef, required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.datasetImport.findFirst({ ...query, where: { id: args.id.id, projectId: ctx.principal.projectId } }),
  }),
);

const DatasetImportProgressRef = builder.objectRef<DatasetImportProgressEvent>('DatasetImportProgress').implement({
  description:
    'Where an import stands: sent when it starts, at most every 250 ms while it runs, and once when it ends. The ' +
    'counters travel with the event (an all-or-nothing import commits its own only at the end).',
  fields: (t) => ({
    importId: t.id({
      description: 'Global ID of the DatasetImport.',
      resolve: (e) => encodeGlobalId('DatasetImport', e.importId),
    }),
    datasetId: t.id({ description: 'Global ID of the Dataset.', resolve: (e) => encodeGlobalId('Dataset', e.datasetId) }),
    status: t.field({ type: DatasetImportStatusEnum, resolve: (e) => e.status }),
    rowsRead: t.exposeInt('rowsRead'),
    rowsImported: t.exposeInt('rowsImported', {
      description: 'Rows written so far; with onError=stop they commit only if the import SUCCEEDS.',
    }),
    rowsRejected: t.exposeInt('rowsRejected'),
    done: t.boolean({ description: 'The final event of this import.', resolve: (e) => e.status !== 'RUNNING' }),
    import: t.prismaField({
      type: DatasetImportRef,
      nullable: true,
      description: 'The import as stored (errors, reason); read from the database at each event.',
      resolve: (query, e, _args, ctx) =>
        ctx.prisma.datasetImport.findFirst({ ...query, where: { id: e.importId, projectId: ctx.principal.projectId } }),
    }),
  }),
});

/** Drops other imports' events before anything is resolved. */
const matching = (events: AsyncIterable<DatasetImportProgressEvent>, test: (e: DatasetImportProgressEvent) => boolean) =>
  filterEvents(events, test);

builder.subscriptionField('datasetImportProgress', (t) =>
  t.field({
    type: DatasetImportProgressRef,
    authScopes: { viewer: true },
    description:
      'Progress of one import, or of every import into a dataset (subscribe before uploading to learn the new ' +
      "import's id from its first event). Exactly one of `import` and `dataset`.",
    args: {
      import: t.arg.id({ required: false, description: 'Global ID of a DatasetImport.' }),
      dataset: t.arg.id({ required: false, description: 'Global ID of a Dataset.' }),
    },
    subscribe: (_root, args, ctx) => {
      if (Boolean(args.import) === Boolean(args.dataset)) {
        throw new InvalidInputError([{ path: 'import', message: 'give exactly one of import and dataset' }]);
      }
      const importId = idOf(args.import, 'DatasetImport', 'import');
      const datasetId = idOf(args.dataset, 'Dataset', 'dataset');
      const events = ctx.pubsub.subscribe('datasetImportProgress', ctx.principal.projectId);
      return matching(events, (e) => (importId ? e.importId === importId : e.datasetId === datasetId));
    },
    resolve: (event) => event,
  }),
);
