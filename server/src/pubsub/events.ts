/**
 * Every live event the server publishes. Payloads stay small and JSON-safe because they may
 * cross Redis; subscribers load what they show from Postgres, the system of record.
 * The first argument is the topic id: events never leave their project.
 */
export type PubSubEvents = {
  auditLogEntryCreated: [projectId: string, payload: { id: string }];
  /**
   * Spans of these traces were just committed (OTLP trace ids, 32 hex digits). applicationIds are
   * the applications the batch touched; a subscriber for one application loads the traces and filters.
   */
  traceIngested: [projectId: string, payload: { traceIds: string[]; applicationIds: string[] }];
  /** Scores were committed (evaluations or humans); subscribers filter by application or task. */
  scoresCreated: [projectId: string, payload: { scoreIds: string[]; applicationIds: string[]; taskIds: string[] }];
  /** An eval task's counters or status changed. */
  evalTaskProgress: [projectId: string, payload: { taskId: string }];
  /**
   * A dataset import started, advanced (throttled) or ended. The counters travel with the event:
   * an all-or-nothing import commits them only at its end, so the database cannot show them yet.
   */
  datasetImportProgress: [projectId: string, payload: DatasetImportProgressEvent];
};

export type DatasetImportProgressEvent = {
  importId: string;
  datasetId: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
};
