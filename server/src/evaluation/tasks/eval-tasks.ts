import type { z } from 'zod';
import type { Actor, Principal } from '../../auth/principal.js';
import { storedFields } from '../../datasets/dataset-fields.js';
import { auditedTransaction } from '../../domain/audited-transaction.js';
import type { ServiceDeps } from '../../domain/service-deps.js';
import { validate } from '../../domain/validate.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../../errors/app-error.js';
import type { EvalTask, EvalTaskStatus, Prisma } from '../../generated/prisma/client.js';
import type { PluginRegistry } from '../../plugins/plugin-registry.js';
import {
  MAPPABLE_PARTS,
  type MappablePart,
  type RecordFieldMapping,
  resolveFieldMapping,
} from '../samples/record-field-mapping.js';
import { DEFAULT_TUNING } from './eval-runtime.js';
import { type CreateEvalTaskInput, createEvalTaskInput } from './eval-task-input.js';
import { type EvalJobQueue, planJob, runJobs } from './eval-task-jobs.js';
import { publishTaskProgress } from './task-progress.js';

/** `plugins`, when given, lets a snapshot task be refused up front when its mapping cannot feed the plugin. */
export type EvalTaskServiceDeps = ServiceDeps & { jobs: EvalJobQueue; plugins?: Pick<PluginRegistry, 'evaluator'> };

const summaryOf = (task: EvalTask) => ({
  name: task.name,
  evaluatorId: task.evaluatorId,
  dataSource: task.dataSource,
  applicationId: task.applicationId,
  snapshotId: task.snapshotId,
  mode: task.mode,
  samplingRate: task.samplingRate,
  maxSamples: task.maxSamples,
  costCap: task.costCap === null ? null : Number(task.costCap),
  concurrency: task.concurrency,
});

/** Starts (or restarts) the jobs of a RUNNING task: planning, and evaluation of what is pending. */
export const scheduleTask = async (jobs: EvalJobQueue, task: Pick<EvalTask, 'id' | 'concurrency' | 'pending'>) => {
  await jobs.send(...planJob(task.id));
  if (task.pending > 0)
    for (const job of runJobs(task.id, task.concurrency, DEFAULT_TUNING.loopsPerRunJob)) await jobs.send(...job);
};

type Issue = { path: string; message: string };

/**
 * A snapshot task's snapshot (same project) and its field mapping with defaults resolved; with the
 * plugin at hand, the parts it requires must be mapped, or every record would fail the same way.
 */
const snapshotSource = async (
  tx: Prisma.TransactionClient,
  projectId: string,
  data: z.output<typeof createEvalTaskInput>,
  plugin: { name: string; inputs: { required: readonly string[] } } | undefined,
): Promise<{ issues: Issue[]; mapping: RecordFieldMapping | null }> => {
  if (!data.snapshotId) return { issues: [], mapping: null };
  const snapshot = await tx.datasetSnapshot.findFirst({ where: { id: data.snapshotId, projectId }, select: { fields: true } });
  if (!snapshot) return { issues: [{ path: 'snapshot', message: 'no such dataset snapshot in this project' }], mapping: null };
  const { mapping, issues } = resolveFieldMapping(storedFields(snapshot.fields), data.fieldMapping);
  if (issues.length > 0 || !plugin) return { issues, mapping };
  const unmapped = plugin.inputs.required.filter((part) => part !== 'metadata' && !mapping[part as MappablePart]);
  return {
    mapping,
    issues: unmapped.map((part) => ({
      path: `fieldMapping.${part}`,
      message: (MAPPABLE_PARTS as readonly string[]).includes(part)
        ? `plugin "${plugin.name}" requires ${part}: map a field of the snapshot to it`
        : `plugin "${plugin.name}" requires ${part}, which dataset records cannot provide`,
    })),
  };
};

export const createEvalTask = async (
  deps: EvalTaskServiceDeps,
  principal: Principal,
  actor: Actor,
  input: CreateEvalTaskInput,
): Promise<EvalTask> => {
  const data = validate(createEvalTaskInput, input);
  const { projectId } = principal;
  const task = await auditedTransaction(deps, actor, async (tx) => {
    const [evaluator, application] = await Promise.all([
      tx.evaluator.findFirst({ where: { id: data.evaluatorId, projectId }, select: { id: true, pluginName: true } }),
      data.applicationId
        ? tx.application.findFirst({ where: { id: data.applicationId, projectId }, select: { id: true } })
        : null,
    ]);
    const snapshot = await snapshotSource(
      tx,
      projectId,
      data,
      evaluator ? deps.plugins?.evaluator(evaluator.pluginName) : undefined,
    );
    const issues = [
      ...(evaluator ? [] : [{ path: 'evaluator', message: 'no such evaluator in this project' }]),
      ...(application || !data.applicationId ? [] : [{ path: 'application', message: 'no such application in this project' }]),
      ...snapshot.issues,
    ];
    if (issues.length > 0) throw new InvalidInputError(issues);
    const now = new Date();
    const task = await tx.evalTask.create({
      data: {
        projectId,
        name: data.name,
        evaluatorId: data.evaluatorId,
        dataSource: data.dataSource,
        applicationId: data.applicationId ?? null,
        snapshotId: data.snapshotId ?? null,
        ...(snapshot.mapping ? { fieldMapping: snapshot.mapping } : {}),
        filter: JSON.parse(JSON.stringify((data.dataSource === 'TRACES' ? data.traceFilter : data.spanFilter) ?? {})),
        samplingRate: data.samplingRate,
        maxSamples: data.maxSamples ?? null,
        costCap: data.costCap ?? null,
        concurrency: data.concurrency,
        mode: data.mode,
        // A continuous task evaluates what arrives from now on unless asked to start earlier; a
        // historical one stops at its creation unless given an end, so new data never extends it.
        fromTime: data.dataSource === 'DATASET_SNAPSHOT' ? null : (data.from ?? now),
        toTime: data.dataSource === 'DATASET_SNAPSHOT' || data.mode !== 'HISTORICAL' ? null : (data.to ?? now),
        settleSeconds: data.settleSeconds,
      },
    });
    return {
      result: task,
      audit: [{ projectId, action: 'evalTask.create', entityType: 'EvalTask', entityId: task.id, summary: summaryOf(task) }],
    };
  });
  await scheduleTask(deps.jobs, task);
  // Ingestion remembers which projects have no running continuous task; this one now may.
  publishTaskProgress(deps.pubsub, projectId, task.id);
  return task;
};

type Transition = { action: string; from: EvalTaskStatus[]; to: EvalTaskStatus };

const TRANSITIONS = {
  pause: { action: 'evalTask.pause', from: ['RUNNING'], to: 'PAUSED' },
  resume: { action: 'evalTask.resume', from: ['PAUSED'], to: 'RUNNING' },
  cancel: { action: 'evalTask.cancel', from: ['RUNNING', 'PAUSED'], to: 'CANCELLED' },
} satisfies Record<string, Transition>;

const transition = async (deps: EvalTaskServiceDeps, principal: Principal, actor: Actor, taskId: string, change: Transition) => {
  const task = await auditedTransaction(deps, actor, async (tx) => {
    const current = await tx.evalTask.findFirst({ where: { id: taskId, projectId: principal.projectId } });
    if (!current) throw new NotFoundError('EvalTask', taskId);
    const refuse = () =>
      new ConflictError(
        `Eval task ${taskId} is ${current.status}; only a ${change.from.join(' or ')} task can become ${change.to}`,
      );
    if (!change.from.includes(current.status)) throw refuse();
    // Guarded by the status read: two clients changing one task at once cannot both win.
    const { count } = await tx.evalTask.updateMany({
      where: { id: taskId, status: current.status },
      data: { status: change.to, statusReason: null, ...(change.to === 'CANCELLED' ? { finishedAt: new Date() } : {}) },
    });
    if (count === 0) throw refuse();
    if (change.to === 'CANCELLED') {
      // Pending candidates, in flight or not, end CANCELLED here; an in-flight result arriving later
      // finds its decision no longer PENDING and is discarded, so nothing is half-recorded.
      const cancelled = await tx.$executeRaw`
        UPDATE "EvalDecision" SET decision = 'CANCELLED', reason = 'the task was cancelled', "decidedAt" = now(),
          "leaseExpiresAt" = NULL, "retryAfter" = NULL
        WHERE "taskId" = CAST(${taskId} AS uuid) AND decision = 'PENDING'`;
      await tx.$executeRaw`
        UPDATE "EvalTask" SET pending = pending - ${cancelled}, cancelled = cancelled + ${cancelled} WHERE id = CAST(${taskId} AS uuid)`;
    }
    const updated = await tx.evalTask.findUniqueOrThrow({ where: { id: taskId } });
    return {
      result: updated,
      audit: [
        {
          projectId: principal.projectId,
          action: change.action,
          entityType: 'EvalTask',
          entityId: taskId,
          summary: { status: { from: current.status, to: change.to } },
        },
      ],
    };
  });
  publishTaskProgress(deps.pubsub, principal.projectId, taskId);
  return task;
};

export const pauseEvalTask = (deps: EvalTaskServiceDeps, principal: Principal, actor: Actor, taskId: string) =>
  transition(deps, principal, actor, taskId, TRANSITIONS.pause);

export const resumeEvalTask = async (deps: EvalTaskServiceDeps, principal: Principal, actor: Actor, taskId: string) => {
  const task = await transition(deps, principal, actor, taskId, TRANSITIONS.resume);
  await scheduleTask(deps.jobs, task);
  return task;
};

export const cancelEvalTask = (deps: EvalTaskServiceDeps, principal: Principal, actor: Actor, taskId: string) =>
  transition(deps, principal, actor, taskId, TRANSITIONS.cancel);
