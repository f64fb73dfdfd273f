import { EVAL_TASK_JOBS } from '../evaluation/tasks/eval-task-job-definitions.js';
import { retentionJob } from '../tracing/retention/retention-job.js';
import type { JobDefinition } from './job-definition.js';

/** Every background job of the product. Add yours here; the server and `agentloop worker` register this list. */
export const JOB_DEFINITIONS: readonly JobDefinition[] = [retentionJob, ...EVAL_TASK_JOBS] as readonly JobDefinition[];
