/** Narrows metrics to one application or one deployment; raw row ids, already decoded. */
export type TraceScope = { applicationId?: string | null; deploymentId?: string | null };
