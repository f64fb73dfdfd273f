import type { EvaluationSample } from '@agentloop/plugin-sdk';
import type { z } from 'zod';
import { storedFields } from '../../datasets/dataset-fields.js';
import { InvalidInputError, NotFoundError } from '../../errors/app-error.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { type fieldMappingInput, resolveFieldMapping } from '../samples/record-field-mapping.js';
import { type RecordAtVersion, RecordSampleError, recordSample } from '../samples/record-sample.js';

type RecordTarget = { recordRowId: string; snapshotId?: string | null; fieldMapping?: z.output<typeof fieldMappingInput> | null };

/**
 * A dataset record's sample for a dry run, mapped as a snapshot task would map it: through a
 * snapshot, the version it froze (what a task over that snapshot evaluates); otherwise the record
 * as it is now. Mapping issues name `sample.fieldMapping.<part>`.
 */
export const recordSampleForDryRun = async (
  prisma: PrismaClient,
  projectId: string,
  target: RecordTarget,
): Promise<EvaluationSample> => {
  let record: RecordAtVersion;
  let fields: unknown;
  if (target.snapshotId) {
    const snapshot = await prisma.datasetSnapshot.findFirst({ where: { id: target.snapshotId, projectId } });
    if (!snapshot) throw new NotFoundError('DatasetSnapshot', target.snapshotId);
    const frozen = await prisma.datasetSnapshotRecord.findUnique({
      where: { snapshotId_recordId: { snapshotId: snapshot.id, recordId: target.recordRowId } },
    });
    if (!frozen) {
      throw new InvalidInputError([{ path: 'sample.datasetRecord', message: 'is not a record of that snapshot' }]);
    }
    const version = await prisma.datasetRecordVersion.findUniqueOrThrow({
      where: { recordId_version: { recordId: frozen.recordId, version: frozen.version } },
    });
    record = {
      recordId: frozen.recordId,
      version: frozen.version,
      datasetId: snapshot.datasetId,
      snapshotId: snapshot.id,
      data: version.data as Record<string, unknown> | null,
    };
    fields = snapshot.fields;
  } else {
    const current = await prisma.datasetRecord.findFirst({
      where: { id: target.recordRowId, projectId },
      include: { dataset: true },
    });
    if (!current) throw new NotFoundError('DatasetRecord', target.recordRowId);
    record = {
      recordId: current.id,
      version: current.version,
      datasetId: current.datasetId,
      snapshotId: null,
      data: current.data as Record<string, unknown>,
    };
    fields = current.dataset.fields;
  }
  const source = target.snapshotId ? 'the snapshot' : 'the dataset';
  const { mapping, issues } = resolveFieldMapping(storedFields(fields), target.fieldMapping, source);
  if (issues.length > 0) throw new InvalidInputError(issues.map((issue) => ({ ...issue, path: `sample.${issue.path}` })));
  try {
    return recordSample(record, mapping);
  } catch (error) {
    if (!(error instanceof RecordSampleError)) throw error;
    throw new InvalidInputError([{ path: `sample.fieldMapping.${error.part}`, message: error.message }]);
  }
};
