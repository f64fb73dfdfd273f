import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import { runDatasetImport } from '../../datasets/imports/run-dataset-import.js';
import {
  exportableDataset,
  exportableSnapshot,
  exportRecords,
  exportSnapshotRecords,
} from '../../datasets/transfer/export-records.js';
import type { ImportFormat, ImportReport } from '../../datasets/transfer/import-records.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { createAppPubSub } from '../../pubsub/create-pubsub.js';
import { cliActor } from '../cli-actor.js';
import type { CliIo } from '../command.js';
import { defineCommand } from '../define-command.js';
import { plural } from '../human-format.js';
import { progressLine } from '../progress-line.js';
import { resolveDatasets } from '../resolve-datasets.js';
import { UsageError } from '../usage-error.js';
import { withDatabase } from '../with-database.js';

const DATASET_IMPORT = ['dataset', 'import'] as const;
const DATASET_EXPORT = ['dataset', 'export'] as const;

const FORMATS = ['jsonl', 'csv'] as const;
const format = z.enum(FORMATS, { error: 'expected jsonl or csv' });

/** The format a file name implies, if any. */
const formatOfFile = (path: string): ImportFormat | null => {
  const extension = extname(path).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.csv') return 'csv';
  return null;
};

/** Exactly one dataset, by ID or unambiguous name (within --project). */
const resolveDataset = async (
  prisma: Parameters<typeof resolveDatasets>[0],
  input: { dataset: string; project?: string | undefined },
  command: readonly string[],
) => {
  const [dataset] = await resolveDatasets(prisma, input, command);
  // resolveDatasets refuses zero and several for a named dataset; this keeps the type honest.
  if (!dataset) throw new UsageError(`no dataset "${input.dataset}"`, command);
  return dataset;
};

const count = (n: number) => n.toLocaleString('en-US');

const progressText = (file: string, report: Readonly<ImportReport>, startedAt: number) => {
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = seconds > 0 ? Math.round(report.rows / seconds) : 0;
  return `${file}: ${count(report.rows)} rows read, ${count(report.imported)} imported, ${count(report.failed)} rejected (${count(rate)} rows/s)`;
};

/** At most this many row errors in the human summary; --json has the report's full list. */
const SHOWN_ERRORS = 20;

export const datasetImportCommand = defineCommand({
  path: DATASET_IMPORT,
  summary: 'Import a JSONL or CSV file into a dataset, recorded like an HTTP import',
  synopsis: '<dataset> <file> [--format jsonl|csv] [--on-error continue|stop] [--project <id|name>]',
  details: [
    '  <dataset>                  The dataset: its ID (UUID or GraphQL ID) or its name.',
    '  <file>                     The file to read; - reads stdin.',
    '  --format jsonl|csv         Default: from the file extension (.jsonl, .ndjson, .csv).',
    '  --on-error continue|stop   continue (default): bad rows are reported and skipped, good rows commit',
    '                             in batches. stop: all or nothing; the first bad row writes nothing.',
    '  --project <id|name>        Where to look for a dataset given by name, when names repeat across projects.',
    '',
    'Runs in this process, straight on the database, through the same code as',
    'POST /v1/datasets/<id>/import: validation, history, search outbox and audit are the same, and the',
    'import is recorded as a DatasetImport (GraphQL datasetImport / Dataset.imports) by "cli". With',
    'REDIS_URL set, subscribers of datasetImportProgress see it live. A progress line is drawn on stderr',
    'when it is a terminal; Ctrl-C cancels (batches committed before stay with continue).',
    'Exit status 1 when the import FAILED or was CANCELLED (the report is still printed).',
  ],
  usesDatabase: true,
  options: { format: { type: 'string' }, 'on-error': { type: 'string' }, project: { type: 'string' } },
  positionals: ['dataset', 'file'],
  schema: z
    .object({
      dataset: z.string().min(1, 'must name a dataset'),
      file: z.string().min(1, 'must name a file'),
      format: format.optional(),
      'on-error': z.enum(['continue', 'stop'], { error: 'expected continue or stop' }).default('continue'),
      project: z.string().min(1).optional(),
    })
    .transform((input, ctx) => {
      const resolved = input.format ?? formatOfFile(input.file);
      if (!resolved) {
        ctx.addIssue({ code: 'custom', path: ['format'], message: 'is needed: the file name does not say (.jsonl or .csv)' });
        return z.NEVER;
      }
      return { ...input, format: resolved };
    }),
  run: async (input, env, { io }) => {
    // Opened before the database, so a missing file is reported without touching anything.
    const handle = input.file === '-' ? null : await open(input.file, 'r');
    const aborter = new AbortController();
    const cancel = () => aborter.abort();
    try {
      return await withDatabase(env, { requireMigrated: true }, async ({ prisma, sql, kind, config }) => {
        const dataset = await resolveDataset(prisma, input, DATASET_IMPORT);
        const body = handle ? handle.createReadStream({ signal: aborter.signal }) : readStdin(aborter.signal);
        const pubsub = config.redisUrl ? createAppPubSub(config.redisUrl) : null;
        const line = progressLine(io);
        const startedAt = Date.now();
        let importId = '';
        process.once('SIGINT', cancel);
        try {
          const outcome = await runDatasetImport(
            { sql, pubsub: pubsub?.pubsub ?? null, concurrentSessions: kind === 'postgres' },
            { projectId: dataset.projectId },
            cliActor(dataset.organizationId),
            {
              datasetId: dataset.id,
              body,
              format: input.format,
              onError: input['on-error'],
              cancelled: () => aborter.signal.aborted,
              onStarted: (id) => {
                importId = id;
              },
              onProgress: (report) => line.update(progressText(input.file, report, startedAt)),
            },
          ).catch((error: unknown) => {
            if (aborter.signal.aborted) throw new ImportCancelledError(importId);
            throw error;
          });
          line.clear();
          return importOutput(outcome, dataset, Date.now() - startedAt);
        } finally {
          process.removeListener('SIGINT', cancel);
          line.clear();
          await pubsub?.close();
        }
      });
    } finally {
      await handle?.close();
    }
  },
});

/** Ctrl-C stopped the import; it is recorded CANCELLED (exit status 1, not a usage error). */
export class ImportCancelledError extends Error {
  constructor(importId: string) {
    super(`cancelled (Ctrl-C); import ${importId} is recorded as CANCELLED`);
    this.name = 'ImportCancelledError';
  }
}

async function* readStdin(signal: AbortSignal): AsyncGenerator<Buffer> {
  for await (const chunk of process.stdin) {
    if (signal.aborted) throw new Error('cancelled');
    yield chunk as Buffer;
  }
}

const importOutput = (
  outcome: Awaited<ReturnType<typeof runDatasetImport>>,
  dataset: { id: string; name: string; projectName: string },
  durationMs: number,
) => {
  const { report } = outcome;
  const seconds = Math.max(durationMs, 1) / 1000;
  const verb =
    outcome.status === 'SUCCEEDED'
      ? `Imported ${count(report.imported)} of ${plural(report.rows, 'row')}`
      : `Import ${outcome.status}: ${count(report.imported)} of ${plural(report.rows, 'row')} imported`;
  const errors = report.errors.slice(0, SHOWN_ERRORS).map((e) => `  row ${e.row}${e.field ? `, ${e.field}` : ''}: ${e.message}`);
  const more =
    report.failed > 0 && (report.errors.length > SHOWN_ERRORS || report.errorsTruncated)
      ? ['  … (--json lists up to 1,000)']
      : [];
  return {
    json: {
      importId: outcome.importId,
      globalId: encodeGlobalId('DatasetImport', outcome.importId),
      datasetId: dataset.id,
      status: outcome.status,
      reason: outcome.reason,
      durationMs,
      ...report,
    },
    text: [
      `${verb} into dataset "${dataset.name}" (project "${dataset.projectName}") in ${seconds.toFixed(1)} s` +
        ` (${count(Math.round(report.rows / seconds))} rows/s); ${plural(report.failed, 'row')} rejected.`,
      ...(outcome.reason ? [`  ${outcome.reason}`] : []),
      `  Import ID: ${outcome.importId}`,
      ...(errors.length > 0 ? ['Rejected rows:', ...errors, ...more] : []),
    ].join('\n'),
    exitCode: outcome.status === 'SUCCEEDED' ? 0 : 1,
  } as const;
};

export const datasetExportCommand = defineCommand({
  path: DATASET_EXPORT,
  summary: "Export a dataset's records, or a snapshot's, as JSONL or CSV",
  synopsis: '<dataset> [--format jsonl|csv] [--snapshot <id|name>] [--out <file>] [--include-id] [--project <id|name>]',
  details: [
    '  <dataset>                The dataset: its ID (UUID or GraphQL ID) or its name.',
    '  --format jsonl|csv       Default: from the --out extension, else jsonl.',
    "  --snapshot <id|name>     Export this snapshot's exact record versions instead of the current records.",
    '  --out <file>             Write to this file (replaced) and print a summary; default: the records to stdout.',
    "  --include-id             Add each record's id (for reference; import refuses it).",
    '  --project <id|name>      Where to look for a dataset given by name, when names repeat across projects.',
    '',
    'Reads straight from the database, page by page, through the same code as GET /v1/datasets/<id>/export:',
    'what it writes, `agentloop dataset import` reads back. --json needs --out (stdout carries the records).',
  ],
  usesDatabase: true,
  options: {
    format: { type: 'string' },
    snapshot: { type: 'string' },
    out: { type: 'string' },
    'include-id': { type: 'boolean' },
    project: { type: 'string' },
  },
  positionals: ['dataset'],
  schema: z.object({
    dataset: z.string().min(1, 'must name a dataset'),
    format: format.optional(),
    snapshot: z.string().min(1, 'must name a snapshot').optional(),
    out: z.string().min(1, 'must name a file').optional(),
    'include-id': z.boolean().default(false),
    project: z.string().min(1).optional(),
  }),
  run: async (input, env, { io, json }) => {
    if (json && input.out === undefined) {
      throw new UsageError('--json needs --out <file>: without it the records themselves go to stdout', DATASET_EXPORT);
    }
    const resolvedFormat = input.format ?? (input.out ? formatOfFile(input.out) : null) ?? 'jsonl';
    return withDatabase(env, { requireMigrated: true }, async ({ prisma, sql }) => {
      const dataset = await resolveDataset(prisma, input, DATASET_EXPORT);
      const principal = { projectId: dataset.projectId };
      const options = { format: resolvedFormat, includeId: input['include-id'] };
      const snapshot = input.snapshot ? await exportableSnapshot(sql, principal, dataset.id, input.snapshot) : null;
      const chunks = snapshot
        ? exportSnapshotRecords(sql, snapshot, options)
        : exportRecords(sql, await exportableDataset(sql, principal, dataset.id), options);
      const lines = await writeChunks(chunks, resolvedFormat, input.out, io);
      const records = resolvedFormat === 'csv' ? Math.max(lines - 1, 0) : lines;
      const source = snapshot ? `snapshot "${snapshot.name}" of dataset "${dataset.name}"` : `dataset "${dataset.name}"`;
      return {
        json: {
          datasetId: dataset.id,
          snapshotId: snapshot?.id ?? null,
          format: resolvedFormat,
          records,
          out: input.out ?? null,
        },
        text: `Exported ${plural(records, 'record')} of ${source} to ${input.out} (${resolvedFormat}).`,
        silent: input.out === undefined,
      };
    });
  },
});

/**
 * Writes the export to the file (or stdout) with backpressure; returns the number of lines
 * written: one per record, plus the header of CSV.
 */
const writeChunks = async (
  chunks: AsyncIterable<string>,
  format: ImportFormat,
  out: string | undefined,
  io: CliIo,
): Promise<number> => {
  let lines = 0;
  // JSON escapes newlines; a quoted CSV cell may hold one, so there only newlines outside quotes
  // end a record (every cell is quoted, and "" keeps the parity).
  let quoted = false;
  const countLines = (chunk: string) => {
    for (const char of chunk) {
      if (format === 'csv' && char === '"') quoted = !quoted;
      else if (char === '\n' && !quoted) lines++;
    }
  };
  if (out === undefined) {
    for await (const chunk of chunks) {
      countLines(chunk);
      if (io.writeStdout) await io.writeStdout(chunk);
      else io.stdout(chunk);
    }
    return lines;
  }
  const file = createWriteStream(out);
  try {
    for await (const chunk of chunks) {
      countLines(chunk);
      if (!file.write(chunk)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
    }
  } finally {
    file.end();
    await finished(file);
  }
  return lines;
};
