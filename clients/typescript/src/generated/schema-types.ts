export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 timestamp with time zone, e.g. 2026-11-21T14:00:00.000Z. */
  DateTime: { input: string; output: string; }
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
};

/** Exactly one of `traces`, `spans` and `filter`. */
export type AddTracesToDatasetInput = {
  /** Add a trace or span even when the dataset already has a record made from it. By default it is skipped with the existing record named, so re-running a filter adds only the new bad cases. */
  allowDuplicates?: InputMaybe<Scalars['Boolean']['input']>;
  dataset: Scalars['ID']['input'];
  /** Traces matching this filter, newest first, up to `limit`. */
  filter?: InputMaybe<TraceFilter>;
  /** Cap for `filter` (default 100, at most 1000). */
  limit?: InputMaybe<Scalars['Int']['input']>;
  mapping: Array<DatasetFieldMappingInput>;
  /** Up to 1000 spans, one record each. */
  spans?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Up to 1000 traces, one record each. */
  traces?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type AddTracesToDatasetPayload = {
  __typename?: 'AddTracesToDatasetPayload';
  added: Array<DatasetRecordFromTrace>;
  addedCount: Scalars['Int']['output'];
  dataset: Dataset;
  /** The first 100, with reasons. */
  skipped: Array<SkippedTraceSource>;
  skippedCount: Scalars['Int']['output'];
  /** The filter matched more traces than `limit`; only the newest were considered. */
  truncated: Scalars['Boolean']['output'];
};

/** Failed spans with the same error type and message. */
export type AnalysisErrorGroup = {
  __typename?: 'AnalysisErrorGroup';
  /** Failed spans. */
  count: Scalars['Int']['output'];
  /** The exception event's `exception.type`, else the span's `error.type` attribute, else the status message's first line. */
  errorType: Scalars['String']['output'];
  firstSeen: Scalars['DateTime']['output'];
  lastSeen: Scalars['DateTime']['output'];
  /** First line of the exception message or status message. */
  message: Scalars['String']['output'];
  /** OpenTelemetry trace id of the latest occurrence. */
  sampleTraceId: Scalars['String']['output'];
  /** Global ID of the latest occurrence’s Trace. */
  sampleTraceNodeId?: Maybe<Scalars['ID']['output']>;
  spanKinds: Array<SpanKind>;
  /** Distinct traces they belong to. */
  traceCount: Scalars['Int']['output'];
};

/** Calls of one operation: a tool, a retriever, an embedding call, a method. */
export type AnalysisOperation = {
  __typename?: 'AnalysisOperation';
  calls: Scalars['Int']['output'];
  errorRate: Scalars['Float']['output'];
  errors: Scalars['Int']['output'];
  kind: SpanKind;
  lastSeen: Scalars['DateTime']['output'];
  latencyAvgMs: Scalars['Float']['output'];
  latencyP50Ms: Scalars['Float']['output'];
  latencyP95Ms: Scalars['Float']['output'];
  /** The tool name for tool calls, the span name otherwise. */
  name: Scalars['String']['output'];
  /** The most frequent normalised operation. */
  operation?: Maybe<Scalars['String']['output']>;
};

/** A span summary, as analysis lists show it. */
export type AnalysisSpan = {
  __typename?: 'AnalysisSpan';
  applicationName: Scalars['String']['output'];
  durationMs: Scalars['Float']['output'];
  kind: SpanKind;
  model?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  operation?: Maybe<Scalars['String']['output']>;
  /** The OpenTelemetry span id (16 hex digits). */
  spanId: Scalars['String']['output'];
  /** Global ID of the Span. */
  spanNodeId: Scalars['ID']['output'];
  startTime: Scalars['DateTime']['output'];
  status: SpanStatus;
  toolName?: Maybe<Scalars['String']['output']>;
  traceId: Scalars['String']['output'];
  /** Global ID of its Trace. */
  traceNodeId?: Maybe<Scalars['ID']['output']>;
};

/** A trace summary, as analysis lists show it. */
export type AnalysisTrace = {
  __typename?: 'AnalysisTrace';
  applicationName: Scalars['String']['output'];
  /** Global ID of the Application. */
  applicationNodeId: Scalars['ID']['output'];
  durationMs: Scalars['Float']['output'];
  errorCount: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  spanCount: Scalars['Int']['output'];
  startTime: Scalars['DateTime']['output'];
  status: SpanStatus;
  /** The OpenTelemetry trace id (32 hex digits). */
  traceId: Scalars['String']['output'];
  /** Global ID of the Trace. */
  traceNodeId: Scalars['ID']['output'];
};

/** An API key. The secret is shown once, at creation, and never stored. */
export type ApiKey = Node & {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  organizationAdmin: Scalars['Boolean']['output'];
  /** The first characters of the secret, to tell keys apart. */
  prefix: Scalars['String']['output'];
  project: Project;
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  role: ApiKeyRole;
};

/** Weakest first; each role can do what the ones before it can. */
export type ApiKeyRole =
  /** Also manage keys and read the audit log. */
  | 'admin'
  /** Write telemetry only (OTLP, logTurn). */
  | 'ingest'
  /** Read and change domain data. */
  | 'member'
  /** Read everything in the project. */
  | 'viewer';

/** A service sending traces, named by its resource `service.name`; created on first sight. */
export type Application = Node & {
  __typename?: 'Application';
  createdAt: Scalars['DateTime']['output'];
  /** Newest first. */
  deployments: ApplicationDeploymentsConnection;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Requests, errors, latency, model calls, tokens, cost, traces, spans, sessions and users. */
  overview: ApplicationOverview;
};


/** A service sending traces, named by its resource `service.name`; created on first sight. */
export type ApplicationDeploymentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A service sending traces, named by its resource `service.name`; created on first sight. */
export type ApplicationOverviewArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type ApplicationDeploymentsConnection = {
  __typename?: 'ApplicationDeploymentsConnection';
  edges: Array<ApplicationDeploymentsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ApplicationDeploymentsConnectionEdge = {
  __typename?: 'ApplicationDeploymentsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Deployment;
};

/** What an application did over [from, to), by trace and span start time. */
export type ApplicationOverview = {
  __typename?: 'ApplicationOverview';
  /** US dollars, of the requests; unpriced calls count as 0. */
  cost: Scalars['Float']['output'];
  /** Of those, traces with an error. */
  errors: Scalars['Int']['output'];
  from: Scalars['DateTime']['output'];
  /** Of the requests; Float because sums outgrow 32 bits. */
  inputTokens: Scalars['Float']['output'];
  /** Trace latency in ms; null without traces. */
  latencyP50?: Maybe<Scalars['Float']['output']>;
  latencyP90?: Maybe<Scalars['Float']['output']>;
  latencyP99?: Maybe<Scalars['Float']['output']>;
  /** LLM spans of the application. */
  modelCalls: Scalars['Int']['output'];
  outputTokens: Scalars['Float']['output'];
  /** Traces whose root span belongs to the application. */
  requests: Scalars['Int']['output'];
  /** Per score name (by name): count, average and the latest of the current scores about the application's traces in the range (a span's score counts for its trace). */
  scores: Array<ScoreSummary>;
  sessions: Scalars['Int']['output'];
  spans: Scalars['Int']['output'];
  to: Scalars['DateTime']['output'];
  totalTokens: Scalars['Float']['output'];
  /** Traces the application took part in, as root or downstream. */
  traces: Scalars['Int']['output'];
  users: Scalars['Int']['output'];
};

/** One change, written in the same transaction as the change itself. */
export type AuditLogEntry = Node & {
  __typename?: 'AuditLogEntry';
  /** e.g. project.rename, apiKey.revoke */
  action: Scalars['String']['output'];
  /** The key that made the change; null for the operator CLI, first-start bootstrap, or a key this one cannot see. */
  actor?: Maybe<ApiKey>;
  createdAt: Scalars['DateTime']['output'];
  /** The global ID of the changed object (it may no longer exist). */
  entityId: Scalars['String']['output'];
  entityType: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  requestId?: Maybe<Scalars['String']['output']>;
  /** What changed; never secrets. */
  summary: Scalars['JSON']['output'];
};

export type AuditLogFilter = {
  action?: InputMaybe<Scalars['String']['input']>;
  /** Global ID of the API key that made the changes. */
  actor?: InputMaybe<Scalars['ID']['input']>;
  /** Global ID of the changed object. */
  entityId?: InputMaybe<Scalars['ID']['input']>;
  entityType?: InputMaybe<Scalars['String']['input']>;
  /** Inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exclusive. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The complete new field list; fields are matched by name (renaming is removing one and adding another). Existing records are checked against it. */
export type ChangeDatasetSchemaInput = {
  /** Drop values that no longer fit (removed fields' values, values of the wrong type) instead of refusing. Missing values of newly required fields still break. */
  dropValues?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only report what would change and break. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  fields: Array<DatasetFieldInput>;
  id: Scalars['ID']['input'];
};

export type ChangeDatasetSchemaPayload = {
  __typename?: 'ChangeDatasetSchemaPayload';
  addedFields: Array<Scalars['String']['output']>;
  /** False for a dry run. */
  applied: Scalars['Boolean']['output'];
  breakingCount: Scalars['Int']['output'];
  /** What would break (a dry run reports; applying refuses with SchemaChangeBreaksRecordsError). First 100. */
  breakingRecords: Array<DatasetSchemaBreakage>;
  /** Type, required flag or options changed. */
  changedFields: Array<Scalars['String']['output']>;
  /** Records given a new version by dropping values. */
  changedRecordCount: Scalars['Int']['output'];
  /** As it is now. */
  dataset: Dataset;
  /** Values dropped (or that would be) because `dropValues` was set; history keeps them. */
  droppedValueCount: Scalars['Int']['output'];
  dryRun: Scalars['Boolean']['output'];
  /** Whether the search index is rebuilt (search-relevant change). */
  reindex: Scalars['Boolean']['output'];
  removedFields: Array<Scalars['String']['output']>;
};

/** The change contradicts the current state, e.g. a duplicate name. */
export type ConflictError = Error & {
  __typename?: 'ConflictError';
  code: ErrorCode;
  message: Scalars['String']['output'];
};

export type CorrectScoreInput = {
  /** Why it was wrong. */
  comment?: InputMaybe<Scalars['String']['input']>;
  label?: InputMaybe<Scalars['String']['input']>;
  score: Scalars['ID']['input'];
  value?: InputMaybe<Scalars['Float']['input']>;
};

export type CreateApiKeyInput = {
  name: Scalars['String']['input'];
  organizationAdmin?: InputMaybe<Scalars['Boolean']['input']>;
  /** Defaults to the calling key's project. */
  project?: InputMaybe<Scalars['ID']['input']>;
  role: ApiKeyRole;
};

export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  apiKey: ApiKey;
  /** The key itself. Shown this once; store it now. */
  secret: Scalars['String']['output'];
};

export type CreateDatasetInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** A model service of kind EMBEDDING for the `embedding` fields; default: the project's only one. */
  embeddingServiceId?: InputMaybe<Scalars['ID']['input']>;
  fields: Array<DatasetFieldInput>;
  /** Unique in the project. */
  name: Scalars['String']['input'];
};

export type CreateDatasetRecordInput = {
  /** An object of field values; issues say `data.<field>`. */
  data: Scalars['JSON']['input'];
  dataset: Scalars['ID']['input'];
};

export type CreateDatasetRecordsInput = {
  dataset: Scalars['ID']['input'];
  /** Up to 1000 objects of field values. One bad record refuses them all; issues say `records.<index>.<field>`. */
  records: Array<Scalars['JSON']['input']>;
};

export type CreateDatasetSnapshotInput = {
  dataset: Scalars['ID']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** Unique among the dataset’s snapshots, e.g. "golden-2026-11". */
  name: Scalars['String']['input'];
};

export type CreateEvalTaskInput = {
  /** TRACES and SPANS (required): Global ID of the Application whose traces or spans are evaluated. */
  application?: InputMaybe<Scalars['ID']['input']>;
  /** Evaluations in flight at once, across all workers (default 4, at most 64). */
  concurrency?: InputMaybe<Scalars['Int']['input']>;
  /** US dollars; once spent, remaining candidates are OVER_CAP. */
  costCap?: InputMaybe<Scalars['Float']['input']>;
  dataSource: EvalDataSource;
  /** Global ID of an Evaluator. */
  evaluator: Scalars['ID']['input'];
  /** DATASET_SNAPSHOT: which dataset fields fill the sample. Unmapped parts default to fields named input, output, expected_output and context. */
  fieldMapping?: InputMaybe<EvalFieldMappingInput>;
  /** HISTORICAL (required): start of the range. CONTINUOUS: default now. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** At most this many candidates are evaluated; the rest are OVER_CAP. */
  maxSamples?: InputMaybe<Scalars['Int']['input']>;
  mode: EvalTaskMode;
  name: Scalars['String']['input'];
  /** (0, 1], default 1. Deterministic by the hash of the target id. */
  samplingRate?: InputMaybe<Scalars['Float']['input']>;
  /** CONTINUOUS: quiet time before a trace is evaluated (default 5). */
  settleSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** DATASET_SNAPSHOT (required): Global ID of the DatasetSnapshot whose records are evaluated. */
  snapshot?: InputMaybe<Scalars['ID']['input']>;
  /** SPANS: only matching spans are evaluated. Application and time range come from the task. */
  spanFilter?: InputMaybe<SpanFilter>;
  /** HISTORICAL: end of the range (default now). */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** TRACES: only matching traces are evaluated (others are FILTERED_OUT). Application and time range come from the task. */
  traceFilter?: InputMaybe<TraceFilter>;
};

export type CreateEvaluatorInput = {
  /** Checked against the plugin's config schema; errors point at `config.<field>`. */
  config?: InputMaybe<Scalars['JSON']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  /** An EMBEDDING model service. */
  embeddingsService?: InputMaybe<Scalars['ID']['input']>;
  /** A CHAT model service. */
  judgeService?: InputMaybe<Scalars['ID']['input']>;
  /** Unique in the project. */
  name: Scalars['String']['input'];
  /** Name of a loaded evaluator plugin (see `plugins`). */
  plugin: Scalars['String']['input'];
  /** Per evaluation, 100 to 600000; default 60000. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
};

export type CreateModelPriceInput = {
  cachedInputPerMillion?: InputMaybe<Scalars['Float']['input']>;
  /** When the price starts to apply. Omitted, it applies to all times (stored as 1970-01-01T00:00:00Z), so `recomputeCosts` can price calls made before it was added; a later-starting price still takes over from its own start. */
  effectiveFrom?: InputMaybe<Scalars['DateTime']['input']>;
  inputPerMillion: Scalars['Float']['input'];
  modelPattern: Scalars['String']['input'];
  outputPerMillion: Scalars['Float']['input'];
};

export type CreateModelServiceInput = {
  /** Stored encrypted and never returned. Required for OPENAI and ANTHROPIC. */
  apiKey?: InputMaybe<Scalars['String']['input']>;
  /** http(s) URL of the API; required for OPENAI_COMPATIBLE (e.g. http://127.0.0.1:11434/v1). */
  baseUrl?: InputMaybe<Scalars['String']['input']>;
  /** US dollars per million input tokens. */
  inputPricePerMillion?: InputMaybe<Scalars['Float']['input']>;
  kind: ModelServiceKind;
  /** The model id the provider expects, e.g. gpt-4o-mini. */
  model: Scalars['String']['input'];
  /** Unique in the project. */
  name: Scalars['String']['input'];
  /** US dollars per million output tokens. */
  outputPricePerMillion?: InputMaybe<Scalars['Float']['input']>;
  parameters?: InputMaybe<ModelParametersInput>;
  provider: ModelProvider;
};

export type CreateProjectInput = {
  name: Scalars['String']['input'];
};

/** Exactly one of `trace`, `span` and `datasetRecord`, and exactly one of `value` and `label`. */
export type CreateScoreInput = {
  comment?: InputMaybe<Scalars['String']['input']>;
  /** Scores the record at its current version (e.g. a reviewer grading a row). */
  datasetRecord?: InputMaybe<Scalars['ID']['input']>;
  label?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  span?: InputMaybe<Scalars['ID']['input']>;
  trace?: InputMaybe<Scalars['ID']['input']>;
  value?: InputMaybe<Scalars['Float']['input']>;
};

/** A typed, versioned collection of records (evaluation sets, regression sets, training data) that the team edits, searches and snapshots. */
export type Dataset = Node & {
  __typename?: 'Dataset';
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** The EMBEDDING model service chosen for this dataset's `embedding` fields. Null: the project's only embedding service is used (semantic search says what to configure when there is none, or several). Also null when the chosen service was deleted since; semantic search then says so. */
  embeddingService?: Maybe<ModelService>;
  fields: Array<DatasetField>;
  id: Scalars['ID']['output'];
  /** Imports into this dataset, newest first. */
  imports: DatasetImportsConnection;
  name: Scalars['String']['output'];
  /** A current record of this dataset by ID (null when it is not one). */
  record?: Maybe<DatasetRecord>;
  /** Current (not deleted) records. */
  recordCount: Scalars['Int']['output'];
  /** The versions of one record of this dataset, also after it was deleted. */
  recordHistory: DatasetRecordHistoryConnection;
  /** Current records in insertion order. */
  records: DatasetRecordsConnection;
  /** Newest first. */
  snapshots: DatasetSnapshotsConnection;
  updatedAt: Scalars['DateTime']['output'];
};


/** A typed, versioned collection of records (evaluation sets, regression sets, training data) that the team edits, searches and snapshots. */
export type DatasetImportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A typed, versioned collection of records (evaluation sets, regression sets, training data) that the team edits, searches and snapshots. */
export type DatasetRecordArgs = {
  id: Scalars['ID']['input'];
};


/** A typed, versioned collection of records (evaluation sets, regression sets, training data) that the team edits, searches and snapshots. */
export type DatasetRecordHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A typed, versioned collection of records (evaluation sets, regression sets, training data) that the team edits, searches and snapshots. */
export type DatasetRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A typed, versioned collection of records (evaluation sets, regression sets, training data) that the team edits, searches and snapshots. */
export type DatasetSnapshotsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** One named, typed column of a dataset. The built-in `id` is not listed: every record has it. */
export type DatasetField = {
  __typename?: 'DatasetField';
  /** Text fields: Chinese word segmentation in full-text search. */
  chn: Scalars['Boolean']['output'];
  /** Text fields: vector-indexed for semantic search with the project's embedding model. */
  embedding: Scalars['Boolean']['output'];
  /** Json fields: sub-fields (dot paths, e.g. "meta.lang") indexed for filtering and search. */
  jsonKeys: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** Records must have a non-null value. */
  required: Scalars['Boolean']['output'];
  type: DatasetFieldType;
};

/** One field. Options that do not belong to the type are refused, naming the option. */
export type DatasetFieldInput = {
  /** Text only. */
  chn?: InputMaybe<Scalars['Boolean']['input']>;
  /** Text only. */
  embedding?: InputMaybe<Scalars['Boolean']['input']>;
  /** Json only: dot paths of indexed sub-fields. */
  jsonKeys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Letters, digits and _, not starting with a digit; not `id`. */
  name: Scalars['String']['input'];
  /** Default false. */
  required?: InputMaybe<Scalars['Boolean']['input']>;
  type: DatasetFieldType;
};

/** Fills `field` from `source`: input, output, name, traceId, spanId, sessionId, userId, model, tags, durationMs, totalTokens, cost, status, metadata.<dot path>, or score.<name> (the current score's value, or its label). */
export type DatasetFieldMappingInput = {
  /** A field of the dataset. */
  field: Scalars['String']['input'];
  /** e.g. "input", "output", "metadata.customer.tier", "score.toxicity". */
  source: Scalars['String']['input'];
};

/** The type of a dataset field; records are validated against it. */
export type DatasetFieldType =
  /** A finite floating-point number. */
  | 'DOUBLE'
  /** Any JSON value; `jsonKeys` sub-fields are indexed for filtering and search. */
  | 'JSON'
  /** A whole number (safe integer range). */
  | 'LONG'
  /** A string; full-text searchable, optionally Chinese-segmented (`chn`) and embedded. */
  | 'TEXT';

/** One condition on a long/double field or a json field’s declared key (dot path, e.g. "meta.lang"). */
export type DatasetFilterCondition = {
  field: Scalars['String']['input'];
  op: DatasetFilterOperator;
  /** A string, number or boolean. */
  value?: InputMaybe<Scalars['JSON']['input']>;
  /** For IN and NOT_IN. */
  values?: InputMaybe<Array<Scalars['JSON']['input']>>;
};

/** GT/GTE/LT/LTE compare numbers; IN/NOT_IN take `values`; EXISTS/NOT_EXISTS take nothing. */
export type DatasetFilterOperator =
  | 'EQ'
  | 'EXISTS'
  | 'GT'
  | 'GTE'
  | 'IN'
  | 'LT'
  | 'LTE'
  | 'NE'
  | 'NOT_EXISTS'
  | 'NOT_IN';

/** One JSONL or CSV import into a dataset (over HTTP or from the CLI): its status, counters and first row errors. Counters follow every committed batch; with onError=stop they are committed only at the end (follow `datasetImportProgress` for live numbers). */
export type DatasetImport = Node & {
  __typename?: 'DatasetImport';
  /** Global ID of the API key that started it, or `cli` for the operator command line. */
  createdBy: Scalars['String']['output'];
  dataset: Dataset;
  /** The first 1,000 row errors in file order (a row may have one per field). */
  errors: Array<DatasetImportRowError>;
  /** More errors occurred than `errors` lists. */
  errorsTruncated: Scalars['Boolean']['output'];
  /** Why it FAILED or was CANCELLED. */
  failureReason?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  format: DatasetImportFormat;
  id: Scalars['ID']['output'];
  onError: DatasetImportOnError;
  /** Rows committed to the dataset. */
  rowsImported: Scalars['Int']['output'];
  /** Rows read from the file (blank lines not counted). */
  rowsRead: Scalars['Int']['output'];
  /** Rows refused (unreadable or invalid against the schema). */
  rowsRejected: Scalars['Int']['output'];
  startedAt: Scalars['DateTime']['output'];
  status: DatasetImportStatus;
};

export type DatasetImportFormat =
  | 'CSV'
  | 'JSONL';

export type DatasetImportOnError =
  /** Bad rows are reported and skipped; good rows commit batch by batch. */
  | 'CONTINUE'
  /** All or nothing: the first bad row stops the import and nothing is written. */
  | 'STOP';

/** Where an import stands: sent when it starts, at most every 250 ms while it runs, and once when it ends. The counters travel with the event (an all-or-nothing import commits its own only at the end). */
export type DatasetImportProgress = {
  __typename?: 'DatasetImportProgress';
  /** Global ID of the Dataset. */
  datasetId: Scalars['ID']['output'];
  /** The final event of this import. */
  done: Scalars['Boolean']['output'];
  /** The import as stored (errors, reason); read from the database at each event. */
  import?: Maybe<DatasetImport>;
  /** Global ID of the DatasetImport. */
  importId: Scalars['ID']['output'];
  /** Rows written so far; with onError=stop they commit only if the import SUCCEEDS. */
  rowsImported: Scalars['Int']['output'];
  rowsRead: Scalars['Int']['output'];
  rowsRejected: Scalars['Int']['output'];
  status: DatasetImportStatus;
};

/** Why one row of the file was rejected. */
export type DatasetImportRowError = {
  __typename?: 'DatasetImportRowError';
  /** The field at fault; null when the row as a whole is. */
  field?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
  /** 1-based: the line of JSONL, the record after the header of CSV. */
  row: Scalars['Int']['output'];
};

export type DatasetImportStatus =
  /** The upload was cut off by its sender; batches committed before stay (onError=continue). */
  | 'CANCELLED'
  /** onError=stop met a bad row (nothing was imported), the file broke off, an error occurred, or the server running it stopped; `failureReason` says which. */
  | 'FAILED'
  /** Reading and writing rows. */
  | 'RUNNING'
  /** Read to the end; rejected rows (onError=continue) are counted and listed. */
  | 'SUCCEEDED';

export type DatasetImportsConnection = {
  __typename?: 'DatasetImportsConnection';
  edges: Array<DatasetImportsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DatasetImportsConnectionEdge = {
  __typename?: 'DatasetImportsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: DatasetImport;
};

export type DatasetPayload = {
  __typename?: 'DatasetPayload';
  dataset: Dataset;
};

/** One row of a dataset: `data` holds the fields' values, valid against the dataset's schema. */
export type DatasetRecord = Node & {
  __typename?: 'DatasetRecord';
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** Field name → value; absent fields have no value. */
  data: Scalars['JSON']['output'];
  dataset: Dataset;
  id: Scalars['ID']['output'];
  /** Current scores of this record (from eval tasks over snapshots and from people), oldest first. */
  scores: Array<Score>;
  /** The span this record came from, when it was made from one span. */
  sourceSpan?: Maybe<Span>;
  /** OpenTelemetry span id when the record was made from one span of that trace. */
  sourceSpanId?: Maybe<Scalars['String']['output']>;
  /** The trace this record came from; null if it was not made from one or the trace is gone (retention). */
  sourceTrace?: Maybe<Trace>;
  /** OpenTelemetry trace id of the trace this record was made from by addTracesToDataset. */
  sourceTraceId?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  updatedBy: Scalars['String']['output'];
  /** 1 on insert, +1 on every change. */
  version: Scalars['Int']['output'];
  /** Every state the record had, oldest first. */
  versions: DatasetRecordVersionsConnection;
};


/** One row of a dataset: `data` holds the fields' values, valid against the dataset's schema. */
export type DatasetRecordScoresArgs = {
  includeSuperseded?: InputMaybe<Scalars['Boolean']['input']>;
  snapshot?: InputMaybe<Scalars['ID']['input']>;
};


/** One row of a dataset: `data` holds the fields' values, valid against the dataset's schema. */
export type DatasetRecordVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type DatasetRecordChangeInput = {
  data: Scalars['JSON']['input'];
  /** Refuse with CONFLICT unless the record is still at this version (optimistic concurrency). */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};

export type DatasetRecordFromTrace = {
  __typename?: 'DatasetRecordFromTrace';
  record?: Maybe<DatasetRecord>;
  /** Global ID of the Trace or Span. */
  source: Scalars['ID']['output'];
};

export type DatasetRecordHistoryConnection = {
  __typename?: 'DatasetRecordHistoryConnection';
  edges: Array<DatasetRecordHistoryConnectionEdge>;
  pageInfo: PageInfo;
};

export type DatasetRecordHistoryConnectionEdge = {
  __typename?: 'DatasetRecordHistoryConnectionEdge';
  cursor: Scalars['String']['output'];
  node: DatasetRecordVersion;
};

export type DatasetRecordOperation =
  | 'DELETE'
  | 'INSERT'
  | 'UPDATE';

export type DatasetRecordPayload = {
  __typename?: 'DatasetRecordPayload';
  record: DatasetRecord;
};

export type DatasetRecordUpdateMode =
  /** Set the given fields; null removes a field; others stay. */
  | 'MERGE'
  /** The given data is the whole new record. */
  | 'REPLACE';

/** One state a record had: what an insert or update left, or its deletion. */
export type DatasetRecordVersion = {
  __typename?: 'DatasetRecordVersion';
  /** Global ID of the API key that made the change, or `cli` for the operator command line. */
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  /** The data after the change; null for DELETE. */
  data?: Maybe<Scalars['JSON']['output']>;
  operation: DatasetRecordOperation;
  version: Scalars['Int']['output'];
};

export type DatasetRecordVersionsConnection = {
  __typename?: 'DatasetRecordVersionsConnection';
  edges: Array<DatasetRecordVersionsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DatasetRecordVersionsConnectionEdge = {
  __typename?: 'DatasetRecordVersionsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: DatasetRecordVersion;
};

export type DatasetRecordsConnection = {
  __typename?: 'DatasetRecordsConnection';
  edges: Array<DatasetRecordsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DatasetRecordsConnectionEdge = {
  __typename?: 'DatasetRecordsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: DatasetRecord;
};

export type DatasetRecordsPayload = {
  __typename?: 'DatasetRecordsPayload';
  records: Array<DatasetRecord>;
};

/** One value of an existing record that a schema change would break. */
export type DatasetSchemaBreakage = {
  __typename?: 'DatasetSchemaBreakage';
  field: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  /** Global ID of the DatasetRecord. */
  recordId: Scalars['ID']['output'];
};

/** All `conditions` and `where` must hold. The project and dataset are always added by the server. */
export type DatasetSearchFilter = {
  conditions?: InputMaybe<Array<DatasetFilterCondition>>;
  /** A SQL-style condition: `score >= 3 AND meta.lang IN ('en', 'fr')`, with =, !=, <>, <, <=, >, >=, IN, BETWEEN, IS [NOT] NULL, AND, OR, NOT and parentheses; strings in single quotes ('' for a quote). */
  where?: InputMaybe<Scalars['String']['input']>;
};

/** A record that matched, as it is now in the database, with how well it matched. */
export type DatasetSearchHit = {
  __typename?: 'DatasetSearchHit';
  data: Scalars['JSON']['output'];
  /** The record’s ID. */
  id: Scalars['ID']['output'];
  /** The record itself (history, snapshots, who changed it), loaded for all hits of the request in one query. Null only if it was deleted in the instant since the search. */
  record?: Maybe<DatasetRecord>;
  /** Ranking score from 0 to 1 (best). */
  score: Scalars['Float']['output'];
  /** Meilisearch’s ranking-score details (per ranking rule, or the vector similarity). */
  scoreDetails?: Maybe<Scalars['JSON']['output']>;
  version: Scalars['Int']['output'];
};

export type DatasetSearchMode =
  /** Words in text fields (and json_keys sub-fields); Chinese-segmented where `chn` is set. */
  | 'FULL_TEXT'
  /** Both, blended by `semanticRatio`. */
  | 'HYBRID'
  /** By meaning: the query embedded with the dataset's embedding model, against `embedding` fields. */
  | 'SEMANTIC';

export type DatasetSearchResult = {
  __typename?: 'DatasetSearchResult';
  estimatedTotalHits: Scalars['Int']['output'];
  hits: Array<DatasetSearchHit>;
  mode: DatasetSearchMode;
  processingTimeMs: Scalars['Int']['output'];
  /** SEMANTIC/HYBRID: hits that came from the semantic side. */
  semanticHitCount?: Maybe<Scalars['Int']['output']>;
};

/** An immutable, named set of exact record versions of a dataset: what evaluations and experiments run on, so scores compared across time share a denominator. */
export type DatasetSnapshot = Node & {
  __typename?: 'DatasetSnapshot';
  createdAt: Scalars['DateTime']['output'];
  dataset: Dataset;
  description?: Maybe<Scalars['String']['output']>;
  /** Eval tasks that evaluate this snapshot, newest first. */
  evalTasks: Array<EvalTask>;
  /** The dataset's fields when the snapshot was taken. */
  fields: Array<DatasetField>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  recordCount: Scalars['Int']['output'];
  /** The frozen records in record id order. */
  records: DatasetSnapshotRecordsConnection;
  /** Per eval task and score name, aggregates of the current scores on this snapshot (a correction replaces the task's score), tasks in creation order: compare runs of evaluators or prompts on one denominator. */
  scoreSummary: Array<SnapshotScoreSummary>;
  /** Scores computed on this snapshot's records (by eval tasks over it), in record order; the same denominator for every task. */
  scores: DatasetSnapshotScoresConnection;
};


/** An immutable, named set of exact record versions of a dataset: what evaluations and experiments run on, so scores compared across time share a denominator. */
export type DatasetSnapshotRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An immutable, named set of exact record versions of a dataset: what evaluations and experiments run on, so scores compared across time share a denominator. */
export type DatasetSnapshotScoreSummaryArgs = {
  task?: InputMaybe<Scalars['ID']['input']>;
};


/** An immutable, named set of exact record versions of a dataset: what evaluations and experiments run on, so scores compared across time share a denominator. */
export type DatasetSnapshotScoresArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeSuperseded?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  task?: InputMaybe<Scalars['ID']['input']>;
};

export type DatasetSnapshotPayload = {
  __typename?: 'DatasetSnapshotPayload';
  snapshot: DatasetSnapshot;
};

/** A record as the snapshot froze it: the data of exactly that version, whatever happened to it since. */
export type DatasetSnapshotRecord = {
  __typename?: 'DatasetSnapshotRecord';
  data: Scalars['JSON']['output'];
  /** Global ID of the DatasetRecord (it may since have changed or been deleted). */
  recordId: Scalars['ID']['output'];
  version: Scalars['Int']['output'];
};

export type DatasetSnapshotRecordsConnection = {
  __typename?: 'DatasetSnapshotRecordsConnection';
  edges: Array<DatasetSnapshotRecordsConnectionEdge>;
  pageInfo: PageInfo;
};

export type DatasetSnapshotRecordsConnectionEdge = {
  __typename?: 'DatasetSnapshotRecordsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: DatasetSnapshotRecord;
};

export type DatasetSnapshotScoresConnection = {
  __typename?: 'DatasetSnapshotScoresConnection';
  edges: Array<DatasetSnapshotScoresConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DatasetSnapshotScoresConnectionEdge = {
  __typename?: 'DatasetSnapshotScoresConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Score;
};

export type DatasetSnapshotsConnection = {
  __typename?: 'DatasetSnapshotsConnection';
  edges: Array<DatasetSnapshotsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DatasetSnapshotsConnectionEdge = {
  __typename?: 'DatasetSnapshotsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: DatasetSnapshot;
};

/** datasetSql refused or could not run the statement: a syntax error, something outside what datasetSql allows (another table, a function with side effects, several statements, DDL, UPDATE without an id, …) or a value Postgres rejected. `position` says where, when known. Its code is INVALID_INPUT. */
export type DatasetSqlError = Error & {
  __typename?: 'DatasetSqlError';
  code: ErrorCode;
  issues: Array<FieldIssue>;
  message: Scalars['String']['output'];
  position?: Maybe<SqlPosition>;
};

/** What kind of statement ran. */
export type DatasetSqlKind =
  | 'DELETE'
  | 'INSERT'
  | 'SELECT'
  | 'UPDATE';

export type DatasetSqlResult = {
  __typename?: 'DatasetSqlResult';
  /** Rows returned (SELECT), or records inserted, matched by UPDATE, or deleted. */
  affectedRows: Scalars['Int']['output'];
  /** SELECT: the output column names, in order; empty for writes. */
  columns: Array<Scalars['String']['output']>;
  kind: DatasetSqlKind;
  /** The written records' ids, as the `id` column shows them (INSERT, UPDATE, DELETE). */
  recordIds: Array<Scalars['String']['output']>;
  /** INSERT and UPDATE: the written records as they are now, in recordIds order; empty otherwise. */
  records: Array<DatasetRecord>;
  /** SELECT: the rows, each an array of JSON values in column order (at most 1000); empty for writes. */
  rows: Scalars['JSON']['output'];
  /** SELECT: more rows matched than the 1000 returned; narrow the query or page with LIMIT/OFFSET. */
  truncated: Scalars['Boolean']['output'];
};

export type DeleteDatasetInput = {
  id: Scalars['ID']['input'];
};

export type DeleteDatasetPayload = {
  __typename?: 'DeleteDatasetPayload';
  deletedDatasetId: Scalars['ID']['output'];
};

export type DeleteDatasetRecordsInput = {
  dataset: Scalars['ID']['input'];
  /** Up to 1000; one unknown id deletes none. */
  ids: Array<Scalars['ID']['input']>;
};

export type DeleteDatasetRecordsPayload = {
  __typename?: 'DeleteDatasetRecordsPayload';
  deletedRecordIds: Array<Scalars['ID']['output']>;
};

export type DeleteDatasetSnapshotInput = {
  id: Scalars['ID']['input'];
};

export type DeleteDatasetSnapshotPayload = {
  __typename?: 'DeleteDatasetSnapshotPayload';
  deletedSnapshotId: Scalars['ID']['output'];
};

export type DeleteEvaluatorInput = {
  id: Scalars['ID']['input'];
};

export type DeleteEvaluatorPayload = {
  __typename?: 'DeleteEvaluatorPayload';
  deletedEvaluatorId: Scalars['ID']['output'];
};

export type DeleteModelPriceInput = {
  id: Scalars['ID']['input'];
};

export type DeleteModelPricePayload = {
  __typename?: 'DeleteModelPricePayload';
  deletedModelPriceId: Scalars['ID']['output'];
};

export type DeleteModelServiceInput = {
  id: Scalars['ID']['input'];
};

export type DeleteModelServicePayload = {
  __typename?: 'DeleteModelServicePayload';
  deletedModelServiceId: Scalars['ID']['output'];
};

export type DeleteProjectInput = {
  id: Scalars['ID']['input'];
};

export type DeleteProjectPayload = {
  __typename?: 'DeleteProjectPayload';
  deletedProjectId: Scalars['ID']['output'];
};

/** An application's `service.version` + `deployment.environment`, so deployments can be compared. */
export type Deployment = Node & {
  __typename?: 'Deployment';
  application: Application;
  /** '' where the resource did not say. */
  environment: Scalars['String']['output'];
  firstSeenAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** '' where the resource did not say. */
  version: Scalars['String']['output'];
};

export type DryRunEvaluatorInput = {
  /** With `plugin`: checked with the plugin's config schema; errors name the field. */
  config?: InputMaybe<Scalars['JSON']['input']>;
  /** With `plugin`: Global ID of an EMBEDDING ModelService. */
  embeddingsService?: InputMaybe<Scalars['ID']['input']>;
  /** Global ID of a configured Evaluator, run with its own config and model services, as its tasks run it. Exactly one of `plugin` and `evaluator`. */
  evaluator?: InputMaybe<Scalars['ID']['input']>;
  /** With `plugin`: Global ID of a CHAT ModelService, for plugins that need a judge. */
  judgeService?: InputMaybe<Scalars['ID']['input']>;
  /** A loaded evaluator plugin (see `plugins`), run with the config and services given here. */
  plugin?: InputMaybe<Scalars['String']['input']>;
  sample: DryRunSampleInput;
  /** Default 60000 (with `evaluator`: its timeout), at most 120000. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
};

/** Exactly one of `trace`, `span`, `datasetRecord` and `inline`. */
export type DryRunSampleInput = {
  /** Global ID of a DatasetRecord: as it is now, or with `snapshot` as that snapshot froze it. */
  datasetRecord?: InputMaybe<Scalars['ID']['input']>;
  /** With `datasetRecord`: which fields fill the sample, with the defaults of snapshot tasks. */
  fieldMapping?: InputMaybe<EvalFieldMappingInput>;
  inline?: InputMaybe<InlineSampleInput>;
  /** With `datasetRecord`: Global ID of a DatasetSnapshot holding it. */
  snapshot?: InputMaybe<Scalars['ID']['input']>;
  /** Global ID of a Span. */
  span?: InputMaybe<Scalars['ID']['input']>;
  /** Global ID of a Trace. */
  trace?: InputMaybe<Scalars['ID']['input']>;
};

/** SEMANTIC or HYBRID search on a dataset without an embedding model service; the message says what to configure. FULL_TEXT search works meanwhile. */
export type EmbeddingNotConfiguredError = Error & {
  __typename?: 'EmbeddingNotConfiguredError';
  code: ErrorCode;
  message: Scalars['String']['output'];
};

/** An end user of the agents: the traces sharing a user id (`user.id`). */
export type EndUser = {
  __typename?: 'EndUser';
  /** US dollars; unpriced calls count as 0. */
  cost: Scalars['Float']['output'];
  /** Traces with an error. */
  errorCount: Scalars['Int']['output'];
  /** Start of the first trace. */
  firstSeen: Scalars['DateTime']['output'];
  inputTokens: Scalars['Float']['output'];
  /** End of the last trace. */
  lastSeen: Scalars['DateTime']['output'];
  outputTokens: Scalars['Float']['output'];
  sessionCount: Scalars['Int']['output'];
  totalTokens: Scalars['Float']['output'];
  traceCount: Scalars['Int']['output'];
  userId: Scalars['String']['output'];
};

export type EndUserConnection = {
  __typename?: 'EndUserConnection';
  edges: Array<EndUserConnectionEdge>;
  pageInfo: PageInfo;
  /** End users matching the filter; counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

export type EndUserConnectionEdge = {
  __typename?: 'EndUserConnectionEdge';
  cursor: Scalars['String']['output'];
  node: EndUser;
};

/** End users with traces matching all given filters; times are [from, to) on trace start. */
export type EndUserFilter = {
  /** Global ID of an Application. */
  application?: InputMaybe<Scalars['ID']['input']>;
  /** Inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exclusive. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type Error = {
  code: ErrorCode;
  message: Scalars['String']['output'];
};

export type ErrorCode =
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'UNAVAILABLE';

/** Where candidates come from; experiment outputs join later. */
export type EvalDataSource =
  /** A dataset snapshot's records, at the versions it froze; scores attach to the records (HISTORICAL only). */
  | 'DATASET_SNAPSHOT'
  /** An application's spans. */
  | 'SPANS'
  /** An application's traces. */
  | 'TRACES';

/** Why one candidate of an eval task was or was not evaluated. */
export type EvalDecision = Node & {
  __typename?: 'EvalDecision';
  attempts: Scalars['Int']['output'];
  cost?: Maybe<Scalars['Float']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** DATASET_RECORD: Global ID of the DatasetRecord. */
  datasetRecordId?: Maybe<Scalars['ID']['output']>;
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  decision: EvalDecisionKind;
  id: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  /** The trace id (TRACE), the span row id (SPAN) or the record id (DATASET_RECORD). */
  targetId: Scalars['String']['output'];
  /** TRACE, SPAN or DATASET_RECORD. */
  targetType: Scalars['String']['output'];
  task: EvalTask;
  /** OpenTelemetry trace id of the target. */
  traceId?: Maybe<Scalars['String']['output']>;
};

/** Candidates per decision; always consistent with the recorded decisions. */
export type EvalDecisionCounts = {
  __typename?: 'EvalDecisionCounts';
  cancelled: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  filteredOut: Scalars['Int']['output'];
  overCap: Scalars['Int']['output'];
  pending: Scalars['Int']['output'];
  sampledOut: Scalars['Int']['output'];
  scored: Scalars['Int']['output'];
  /** Candidates decided or pending so far. */
  total: Scalars['Int']['output'];
};

/** Why a candidate was or was not evaluated. */
export type EvalDecisionKind =
  /** The task was cancelled before a result was recorded. */
  | 'CANCELLED'
  /** The evaluation failed; the reason says why (after retries where retrying could help). */
  | 'FAILED'
  /** Did not match the task's filter; the reason names the conditions. */
  | 'FILTERED_OUT'
  /** maxSamples or the cost cap was reached. */
  | 'OVER_CAP'
  /** Waiting for (or in) evaluation. */
  | 'PENDING'
  /** Outside the sample (deterministic by the hash of the target id). */
  | 'SAMPLED_OUT'
  /** Evaluated; its scores are recorded. */
  | 'SCORED';

/** A dataset field name, or a dot path into a json field (e.g. `meta.question`), per sample part. */
export type EvalFieldMappingInput = {
  /** Text (one document) or a list of texts or {content} objects. */
  context?: InputMaybe<Scalars['String']['input']>;
  expectedOutput?: InputMaybe<Scalars['String']['input']>;
  input?: InputMaybe<Scalars['String']['input']>;
  /** Fields copied into the sample metadata; default: every field no other part uses. */
  metadata?: InputMaybe<Array<Scalars['String']['input']>>;
  output?: InputMaybe<Scalars['String']['input']>;
  /** A json field (or text holding JSON) with a list of {name, arguments?, result?, status?: ok|error|unset, error?}. Default: a json field named tool_calls or toolCalls. */
  toolCalls?: InputMaybe<Scalars['String']['input']>;
  /** A json field (or text holding JSON) with a list of {name, description?, parameters?}. Default: a json field named tools. */
  tools?: InputMaybe<Scalars['String']['input']>;
  /** A json field (or text holding JSON) with a list of {spanId, parentSpanId?, name, kind, status?, startTime, durationMs, input?, output?, toolName?, model?}. Default: a json field named trajectory. */
  trajectory?: InputMaybe<Scalars['String']['input']>;
};

/** Runs one evaluator over the traces or spans of an application and records, for every candidate, whether it was filtered out, sampled out, over a cap, scored or failed, and why. */
export type EvalTask = Node & {
  __typename?: 'EvalTask';
  application?: Maybe<Application>;
  concurrency: Scalars['Int']['output'];
  /** US dollars spent by the judge so far. */
  cost: Scalars['Float']['output'];
  /** US dollars. */
  costCap?: Maybe<Scalars['Float']['output']>;
  counts: EvalDecisionCounts;
  createdAt: Scalars['DateTime']['output'];
  dataSource: EvalDataSource;
  /** The evaluator the task runs. */
  evaluator?: Maybe<Evaluator>;
  /** Global ID of the Evaluator the task runs. */
  evaluatorId: Scalars['ID']['output'];
  /** DATASET_SNAPSHOT: sample part (input, output, expectedOutput, context, tools, toolCalls, trajectory) → dataset field or dot path, and the fields copied into metadata, with defaults filled in when the task was created. */
  fieldMapping?: Maybe<Scalars['JSON']['output']>;
  /** The trace filter (TRACES) or span filter (SPANS) as given. */
  filter: Scalars['JSON']['output'];
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Candidates started at or after. */
  from?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  inputTokens: Scalars['Int']['output'];
  maxSamples?: Maybe<Scalars['Int']['output']>;
  mode: EvalTaskMode;
  name: Scalars['String']['output'];
  outputTokens: Scalars['Int']['output'];
  /** HISTORICAL: every candidate of the range has a decision. */
  planned: Scalars['Boolean']['output'];
  /** HISTORICAL: share of candidates with a final decision (0–1), once planning finished; null before and for CONTINUOUS. */
  progress?: Maybe<Scalars['Float']['output']>;
  samplingRate: Scalars['Float']['output'];
  /** CONTINUOUS: a trace is evaluated once nothing was written to it for this long, so late spans are included. */
  settleSeconds: Scalars['Int']['output'];
  /** DATASET_SNAPSHOT: the snapshot evaluated (null for other sources, or once the snapshot was deleted). */
  snapshot?: Maybe<DatasetSnapshot>;
  status: EvalTaskStatus;
  statusReason?: Maybe<Scalars['String']['output']>;
  /** Candidates started before (HISTORICAL). */
  to?: Maybe<Scalars['DateTime']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type EvalTaskMode =
  /** Evaluates new traces or spans as they are ingested, until paused or cancelled. */
  | 'CONTINUOUS'
  /** Backfills a time range, then completes. */
  | 'HISTORICAL';

export type EvalTaskPayload = {
  __typename?: 'EvalTaskPayload';
  task: EvalTask;
};

export type EvalTaskStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'PAUSED'
  | 'RUNNING';

/** A score an evaluation produced, with the judge call behind it (not stored by a dry run). */
export type EvaluatedScore = {
  __typename?: 'EvaluatedScore';
  /** US dollars; null when unknown. */
  cost?: Maybe<Scalars['Float']['output']>;
  inputTokens?: Maybe<Scalars['Int']['output']>;
  judgeModel?: Maybe<Scalars['String']['output']>;
  judgePromptName?: Maybe<Scalars['String']['output']>;
  judgePromptVersion?: Maybe<Scalars['String']['output']>;
  label?: Maybe<Scalars['String']['output']>;
  latencyMs?: Maybe<Scalars['Float']['output']>;
  metadata: Scalars['JSON']['output'];
  name: Scalars['String']['output'];
  outputTokens?: Maybe<Scalars['Int']['output']>;
  reasoning?: Maybe<Scalars['String']['output']>;
  source: ScoreSource;
  value?: Maybe<Scalars['Float']['output']>;
};

export type EvaluationFailureKind =
  /** The evaluation was cancelled. */
  | 'ABORTED'
  /** The config does not parse with the plugin's schema. */
  | 'INVALID_CONFIG'
  /** The plugin's result broke its own declarations (unknown score, out of range, …). */
  | 'INVALID_RESULT'
  /** The sample lacks an input the plugin requires. */
  | 'MISSING_INPUTS'
  /** The plugin needs a judge or embeddings model service and none is configured. */
  | 'MISSING_MODEL'
  /** The plugin returned a failure (e.g. the judge never gave valid output). */
  | 'PLUGIN_FAILED'
  /** The plugin threw. */
  | 'THREW'
  /** The plugin did not finish in time; it was aborted. */
  | 'TIMEOUT';

export type EvaluationStatus =
  | 'FAILED'
  | 'SCORED';

/** Every model call of the evaluation, retries included. */
export type EvaluationUsage = {
  __typename?: 'EvaluationUsage';
  calls: Scalars['Int']['output'];
  /** US dollars; null when a call could not be priced. */
  cost?: Maybe<Scalars['Float']['output']>;
  inputTokens: Scalars['Int']['output'];
  outputTokens: Scalars['Int']['output'];
};

/** A plugin with its configuration and the model services its judge and embeddings use: what eval tasks and dry runs run. */
export type Evaluator = Node & {
  __typename?: 'Evaluator';
  /** Valid against the plugin's config JSON Schema when saved. */
  config: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** The EMBEDDING model service this evaluator uses. */
  embeddingsService?: Maybe<ModelService>;
  id: Scalars['ID']['output'];
  /** The CHAT model service judges of this evaluator use. */
  judgeService?: Maybe<ModelService>;
  name: Scalars['String']['output'];
  /** The loaded plugin; null when this server does not have it (its tasks then fail with that reason). */
  plugin?: Maybe<Plugin>;
  pluginName: Scalars['String']['output'];
  /** Per evaluation; a plugin that takes longer is stopped and the candidate recorded as failed. */
  timeoutMs: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type EvaluatorDryRun = {
  __typename?: 'EvaluatorDryRun';
  durationMs: Scalars['Float']['output'];
  failureKind?: Maybe<EvaluationFailureKind>;
  reason?: Maybe<Scalars['String']['output']>;
  retryable?: Maybe<Scalars['Boolean']['output']>;
  /** The sample the plugin saw (built from the trace or span, or the inline one). */
  sample: Scalars['JSON']['output'];
  scores: Array<EvaluatedScore>;
  status: EvaluationStatus;
  usage: EvaluationUsage;
};

export type EvaluatorPayload = {
  __typename?: 'EvaluatorPayload';
  evaluator: Evaluator;
};

export type FieldIssue = {
  __typename?: 'FieldIssue';
  message: Scalars['String']['output'];
  /** Dot path of the offending input field; empty for the input as a whole. */
  path: Scalars['String']['output'];
};

/** A sample typed in, in the plugin SDK's shape (context: strings or { content, id, score, metadata }). */
export type InlineSampleInput = {
  context?: InputMaybe<Scalars['JSON']['input']>;
  expectedOutput?: InputMaybe<Scalars['JSON']['input']>;
  input?: InputMaybe<Scalars['JSON']['input']>;
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  output?: InputMaybe<Scalars['JSON']['input']>;
  toolCalls?: InputMaybe<Scalars['JSON']['input']>;
  tools?: InputMaybe<Scalars['JSON']['input']>;
  trajectory?: InputMaybe<Scalars['JSON']['input']>;
};

/** The input broke a rule; `issues` says which field and why. */
export type InvalidInputError = Error & {
  __typename?: 'InvalidInputError';
  code: ErrorCode;
  issues: Array<FieldIssue>;
  message: Scalars['String']['output'];
};

/** The model call behind an LLM score. */
export type JudgeCall = {
  __typename?: 'JudgeCall';
  /** US dollars; null when the judge model service has no prices. */
  cost?: Maybe<Scalars['Float']['output']>;
  inputTokens?: Maybe<Scalars['Int']['output']>;
  latencyMs?: Maybe<Scalars['Float']['output']>;
  model: Scalars['String']['output'];
  outputTokens?: Maybe<Scalars['Int']['output']>;
  promptName?: Maybe<Scalars['String']['output']>;
  promptVersion?: Maybe<Scalars['String']['output']>;
};

/** All given filters must hold. Times are [from, to) on the record timestamp. */
export type LogFilter = {
  /** Global ID of an Application. */
  application?: InputMaybe<Scalars['ID']['input']>;
  /** Exactly this event name, e.g. gen_ai.user.message. */
  eventName?: InputMaybe<Scalars['String']['input']>;
  /** Inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** severityNumber at least this: 9 INFO, 13 WARN, 17 ERROR, 21 FATAL. Records without one never match. */
  minSeverity?: InputMaybe<Scalars['Int']['input']>;
  /** Exactly this severity text, e.g. ERROR. */
  severityText?: InputMaybe<Scalars['String']['input']>;
  /** The 16-hex-digit span id. */
  spanId?: InputMaybe<Scalars['String']['input']>;
  /** Contained in the body, case-insensitively. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Exclusive. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** The 32-hex-digit trace id. */
  traceId?: InputMaybe<Scalars['String']['input']>;
};

/** One OpenTelemetry log record as received on /v1/logs, linked to its trace and span when it carried their ids. GenAI events (`gen_ai.*`) are among them, besides filling their span. */
export type LogRecord = Node & {
  __typename?: 'LogRecord';
  /** The application of its resource `service.name`. */
  application?: Maybe<Application>;
  /** The record attributes, as sent. */
  attributes: Scalars['JSON']['output'];
  /** Text as sent; a structured body (GenAI events) as JSON. */
  body?: Maybe<Scalars['String']['output']>;
  /** The event name, from the record or its `event.name` attribute; null for plain logs. */
  eventName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  resourceAttributes: Scalars['JSON']['output'];
  /** OpenTelemetry severity: 1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL. */
  severityNumber?: Maybe<Scalars['Int']['output']>;
  /** As the source spelled it, e.g. ERROR. */
  severityText?: Maybe<Scalars['String']['output']>;
  /** 16 hex digits; null when logged outside a span. */
  spanId?: Maybe<Scalars['String']['output']>;
  /** When it happened: the record time, or the time it was observed when the record had none. */
  timestamp: Scalars['DateTime']['output'];
  /** 32 hex digits; null when logged outside a trace. */
  traceId?: Maybe<Scalars['String']['output']>;
};

export type LogRecordConnection = {
  __typename?: 'LogRecordConnection';
  edges: Array<LogRecordEdge>;
  pageInfo: PageInfo;
  /** Log records of the list; counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

export type LogRecordEdge = {
  __typename?: 'LogRecordEdge';
  cursor: Scalars['String']['output'];
  node: LogRecord;
};

export type MetadataFilter = {
  key: Scalars['String']['input'];
  /** Compared with the value as text. */
  value: Scalars['String']['input'];
};

/** A fixed bucket width, aligned to UTC. */
export type MetricBucket =
  | 'DAY'
  | 'FIVE_MINUTES'
  | 'HOUR'
  | 'MINUTE';

/** APPLICATION and DEPLOYMENT group traces (a request is a trace); MODEL and SPAN_KIND group spans (a request is a call). */
export type MetricGroupBy =
  | 'APPLICATION'
  | 'DEPLOYMENT'
  | 'MODEL'
  | 'SPAN_KIND';

/** One bucket of a series; buckets without requests are present with zeros. */
export type MetricPoint = {
  __typename?: 'MetricPoint';
  /** Start of the bucket. */
  bucket: Scalars['DateTime']['output'];
  /** US dollars; spans without a known price count as 0. */
  cost: Scalars['Float']['output'];
  errors: Scalars['Int']['output'];
  inputTokens: Scalars['Float']['output'];
  /** Null when the bucket has no requests. */
  latencyP50Ms?: Maybe<Scalars['Float']['output']>;
  latencyP90Ms?: Maybe<Scalars['Float']['output']>;
  latencyP99Ms?: Maybe<Scalars['Float']['output']>;
  outputTokens: Scalars['Float']['output'];
  requests: Scalars['Int']['output'];
  /** One aggregate per requested score name, in request order then by name; empty without `scores`. */
  scores: Array<ScoreAggregate>;
  /** Distinct sessions seen in the bucket. */
  sessions: Scalars['Int']['output'];
  /** Distinct end users seen in the bucket. */
  users: Scalars['Int']['output'];
};

export type MetricSeries = {
  __typename?: 'MetricSeries';
  /** The group: an Application or Deployment global ID, a model name or a span kind; empty when ungrouped. */
  key: Scalars['String']['output'];
  /** Human-readable name of the group. */
  label: Scalars['String']['output'];
  points: Array<MetricPoint>;
};

export type MetricTokenAnalysis = {
  __typename?: 'MetricTokenAnalysis';
  /** US dollars. */
  cost: Scalars['Float']['output'];
  inputTokens: Scalars['Float']['output'];
  outputTokens: Scalars['Float']['output'];
  perRequest?: Maybe<MetricTokenAverages>;
  /** Over the traces that belong to a session; a session counts only its traces inside the range. */
  perSession?: Maybe<MetricTokenAverages>;
  /** Traces started in the range. */
  requests: Scalars['Int']['output'];
  requestsPerSession?: Maybe<Scalars['Float']['output']>;
  sessions: Scalars['Int']['output'];
};

export type MetricTokenAverages = {
  __typename?: 'MetricTokenAverages';
  /** US dollars. */
  cost: Scalars['Float']['output'];
  inputTokens: Scalars['Float']['output'];
  outputTokens: Scalars['Float']['output'];
};

export type MetricsInput = {
  /** Global ID of an Application. */
  application?: InputMaybe<Scalars['ID']['input']>;
  /** Give either `bucket` or `bucketSeconds`. */
  bucket?: InputMaybe<MetricBucket>;
  /** A custom bucket width in seconds, aligned to the Unix epoch. */
  bucketSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** Global ID of a Deployment. */
  deployment?: InputMaybe<Scalars['ID']['input']>;
  /** Inclusive. */
  from: Scalars['DateTime']['input'];
  /** One series per group; one series in all without. */
  groupBy?: InputMaybe<MetricGroupBy>;
  /** Score aggregates to add to every point (at most 10). A score counts at the start of the trace it is about (or of its span, grouped by MODEL or SPAN_KIND), under that trace's application and deployment, so it lines up with the requests it judged. */
  scores?: InputMaybe<Array<ScoreSeriesRequest>>;
  /** Only the groups with the most requests get a series (1..100). */
  seriesLimit?: InputMaybe<Scalars['Int']['input']>;
  /** Exclusive. */
  to: Scalars['DateTime']['input'];
};

export type MetricsRangeInput = {
  /** Global ID of an Application. */
  application?: InputMaybe<Scalars['ID']['input']>;
  /** Global ID of a Deployment. */
  deployment?: InputMaybe<Scalars['ID']['input']>;
  /** Inclusive. */
  from: Scalars['DateTime']['input'];
  /** Exclusive. */
  to: Scalars['DateTime']['input'];
};

export type MetricsResult = {
  __typename?: 'MetricsResult';
  bucketSeconds: Scalars['Int']['output'];
  series: Array<MetricSeries>;
};

/** Default call parameters; unset ones use the provider default (timeout 60 s and 2 retries ours). */
export type ModelParameters = {
  __typename?: 'ModelParameters';
  /** Embedding services: the vector size asked for. */
  dimensions?: Maybe<Scalars['Int']['output']>;
  maxRetries?: Maybe<Scalars['Int']['output']>;
  maxTokens?: Maybe<Scalars['Int']['output']>;
  temperature?: Maybe<Scalars['Float']['output']>;
  timeoutMs?: Maybe<Scalars['Int']['output']>;
  topP?: Maybe<Scalars['Float']['output']>;
};

/** Default call parameters; omit one to use the default. */
export type ModelParametersInput = {
  /** Embedding services only: the vector size to ask for. */
  dimensions?: InputMaybe<Scalars['Int']['input']>;
  /** Retries of 429s, 5xx and network errors with backoff, 0 to 10; default 2. */
  maxRetries?: InputMaybe<Scalars['Int']['input']>;
  /** Output token limit per call. */
  maxTokens?: InputMaybe<Scalars['Int']['input']>;
  /** 0 to 2. */
  temperature?: InputMaybe<Scalars['Float']['input']>;
  /** Per request, 100 to 600000; default 60000. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
  /** Above 0, at most 1. */
  topP?: InputMaybe<Scalars['Float']['input']>;
};

/** US dollars per million tokens for models whose name matches `modelPattern`, from `effectiveFrom` on. A project's own prices win over the built-in ones; the newest price in force at a span's start applies (ties go to the longer pattern, then to the price created last). */
export type ModelPrice = Node & {
  __typename?: 'ModelPrice';
  /** Shipped with AgentLoop; read-only. */
  builtIn: Scalars['Boolean']['output'];
  /** Cache reads; null bills them as ordinary input. */
  cachedInputPerMillion?: Maybe<Scalars['Float']['output']>;
  createdAt: Scalars['DateTime']['output'];
  effectiveFrom: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  inputPerMillion: Scalars['Float']['output'];
  /** A case-insensitive regular expression. */
  modelPattern: Scalars['String']['output'];
  outputPerMillion: Scalars['Float']['output'];
};

export type ModelPricePayload = {
  __typename?: 'ModelPricePayload';
  modelPrice: ModelPrice;
};

/** Which API a model service speaks; OPENAI_COMPATIBLE needs a `baseUrl` (vLLM, Ollama, LiteLLM, …). */
export type ModelProvider =
  | 'ANTHROPIC'
  | 'OPENAI'
  | 'OPENAI_COMPATIBLE';

/** A connection to one model (provider, model, defaults, prices) that judges, embeddings and experiments use. Its API key is write-only: stored encrypted, never returned. */
export type ModelService = Node & {
  __typename?: 'ModelService';
  baseUrl?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Whether an API key is stored. The key itself is never returned. */
  hasApiKey: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** US dollars per million input tokens; null when unknown. */
  inputPricePerMillion?: Maybe<Scalars['Float']['output']>;
  kind: ModelServiceKind;
  model: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** US dollars per million output tokens; null when unknown. */
  outputPricePerMillion?: Maybe<Scalars['Float']['output']>;
  parameters: ModelParameters;
  provider: ModelProvider;
  updatedAt: Scalars['DateTime']['output'];
};

/** CHAT models judge and answer; EMBEDDING models turn text into vectors. */
export type ModelServiceKind =
  | 'CHAT'
  | 'EMBEDDING';

export type ModelServicePayload = {
  __typename?: 'ModelServicePayload';
  modelService: ModelService;
};

/** The outcome of one real call with the stored configuration (no retries, at most 30 s). */
export type ModelServiceTestResult = {
  __typename?: 'ModelServiceTestResult';
  /** Vector size (embedding services). */
  dimensions?: Maybe<Scalars['Int']['output']>;
  /** The provider's or the network's error message. */
  error?: Maybe<Scalars['String']['output']>;
  latencyMs: Scalars['Float']['output'];
  /** The model that answered, as the provider reports it. */
  model: Scalars['String']['output'];
  ok: Scalars['Boolean']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Turns traces or spans into dataset records through a field mapping (the bad-case path): by ID, or every trace matching a filter (e.g. an application, the last 24 h, toxicity > 0.5), capped. Sources that would not make a valid record are skipped with the reason. */
  addTracesToDataset: MutationAddTracesToDatasetResult;
  /** Ends a RUNNING or PAUSED task: pending candidates (also those in flight) are recorded CANCELLED and late results discarded. */
  cancelEvalTask: MutationCancelEvalTaskResult;
  /** Adds, removes or changes fields; applies only when no existing record breaks (see `dryRun`, `dropValues`). */
  changeDatasetSchema: MutationChangeDatasetSchemaResult;
  /** Replaces a score (from an evaluator or a person) with a HUMAN one; the original stays readable with `supersededBy` set. */
  correctScore: MutationCorrectScoreResult;
  createApiKey: MutationCreateApiKeyResult;
  /** A new, empty dataset with typed fields. */
  createDataset: MutationCreateDatasetResult;
  /** Adds one record. */
  createDatasetRecord: MutationCreateDatasetRecordResult;
  /** Adds records, validated against the dataset schema; each gets a generated id and version 1. */
  createDatasetRecords: MutationCreateDatasetRecordsResult;
  /** Freezes the current records (their exact versions) under a name. */
  createDatasetSnapshot: MutationCreateDatasetSnapshotResult;
  /** Creates an eval task and starts it. */
  createEvalTask: MutationCreateEvalTaskResult;
  /** Configures an evaluator plugin for this project; the configuration is checked as a run would check it. */
  createEvaluator: MutationCreateEvaluatorResult;
  /** Adds a project price, for all times unless `effectiveFrom` says from when. New spans use it at once on this instance and within 30 seconds on others; `recomputeCosts` re-prices stored ones. */
  createModelPrice: MutationCreateModelPriceResult;
  /** Adds a model service. Storing an API key needs AGENTLOOP_SECRET_KEY when the server uses DATABASE_URL (UNAVAILABLE otherwise). */
  createModelService: MutationCreateModelServiceResult;
  createProject: MutationCreateProjectResult;
  /** A human score on a trace, span or dataset record (annotation, feedback, review). */
  createScore: MutationCreateScoreResult;
  /** Runs one SQL statement on one dataset: SELECT (viewer role) or INSERT, UPDATE, DELETE (member role). The only table is the dataset, named by its name or `dataset`; its columns are `id` and the fields, json sub-fields by dot path (`meta.a.b`, quote to keep case: `meta."userName"`). WHERE, ORDER BY, LIMIT, OFFSET, GROUP BY, HAVING, DISTINCT and count/sum/avg/min/max are supported, with a whitelist of pure operators and functions. UPDATE and DELETE must name their records: `WHERE id = …` or `WHERE id IN (…)`. Writes keep every version and are audited. Bind values with `$1`, `$2`, … and `params`. */
  datasetSql: MutationDatasetSqlResult;
  /** Deletes the dataset with its records, their history and its snapshots; its search index is dropped. */
  deleteDataset: MutationDeleteDatasetResult;
  /** Deletes records; their history stays readable (`Dataset.recordHistory`) and snapshots keep them. */
  deleteDatasetRecords: MutationDeleteDatasetRecordsResult;
  /** Deletes a snapshot; the records and their history stay. */
  deleteDatasetSnapshot: MutationDeleteDatasetSnapshotResult;
  /** Deletes an evaluator and its finished tasks; its scores stay. Refused (CONFLICT) while a task of it can run. */
  deleteEvaluator: MutationDeleteEvaluatorResult;
  deleteModelPrice: MutationDeleteModelPriceResult;
  /** Deletes a service and its stored key; refused (CONFLICT) while an evaluator uses it. */
  deleteModelService: MutationDeleteModelServiceResult;
  /** Deletes the project with all its data. A key cannot delete its own project. */
  deleteProject: MutationDeleteProjectResult;
  /** Runs an evaluator plugin with a config, or a configured evaluator, on one trace, span, dataset record or typed-in sample, exactly as an eval task would, and returns its scores or why it failed. Writes nothing (a judge call still costs what it costs). */
  dryRunEvaluator: MutationDryRunEvaluatorResult;
  /** Stops taking new candidates; evaluations in flight finish and are recorded. RUNNING tasks only. */
  pauseEvalTask: MutationPauseEvalTaskResult;
  /** Re-prices the project's model calls that started in [from, to) with the current prices, and their traces. */
  recomputeCosts: MutationRecomputeCostsResult;
  /** Rebuilds the dataset's search index from the database (after Meilisearch lost or corrupted it). Searches keep answering from the old index until the new one is swapped in. Also `npx agentloop search reindex`. */
  reindexDatasetSearch: MutationReindexDatasetSearchResult;
  /** Rebuilds the search index of every dataset of this project from the database, as reindexDatasetSearch does for one. */
  reindexProjectSearch: MutationReindexProjectSearchResult;
  renameProject: MutationRenameProjectResult;
  /** Continues a PAUSED task where it stopped. */
  resumeEvalTask: MutationResumeEvalTaskResult;
  /** Permanent. Requests with the key fail with 401 from now on. */
  revokeApiKey: MutationRevokeApiKeyResult;
  /** How long traces, spans and logs are kept. A background job deletes older ones hourly. */
  setProjectRetention: MutationSetProjectRetentionResult;
  /** Makes one small real call (a chat reply or an embedding) and reports whether it worked and how fast. */
  testModelService: MutationTestModelServiceResult;
  /** Renames or re-describes a dataset, or changes its embedding model service. */
  updateDataset: MutationUpdateDatasetResult;
  /** Changes one record (see updateDatasetRecords). */
  updateDatasetRecord: MutationUpdateDatasetRecordResult;
  /** Changes records; each change keeps the previous version in the history. */
  updateDatasetRecords: MutationUpdateDatasetRecordsResult;
  updateEvaluator: MutationUpdateEvaluatorResult;
  updateModelPrice: MutationUpdateModelPriceResult;
  updateModelService: MutationUpdateModelServiceResult;
};


export type MutationAddTracesToDatasetArgs = {
  input: AddTracesToDatasetInput;
};


export type MutationCancelEvalTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationChangeDatasetSchemaArgs = {
  input: ChangeDatasetSchemaInput;
};


export type MutationCorrectScoreArgs = {
  input: CorrectScoreInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateDatasetArgs = {
  input: CreateDatasetInput;
};


export type MutationCreateDatasetRecordArgs = {
  input: CreateDatasetRecordInput;
};


export type MutationCreateDatasetRecordsArgs = {
  input: CreateDatasetRecordsInput;
};


export type MutationCreateDatasetSnapshotArgs = {
  input: CreateDatasetSnapshotInput;
};


export type MutationCreateEvalTaskArgs = {
  input: CreateEvalTaskInput;
};


export type MutationCreateEvaluatorArgs = {
  input: CreateEvaluatorInput;
};


export type MutationCreateModelPriceArgs = {
  input: CreateModelPriceInput;
};


export type MutationCreateModelServiceArgs = {
  input: CreateModelServiceInput;
};


export type MutationCreateProjectArgs = {
  input: CreateProjectInput;
};


export type MutationCreateScoreArgs = {
  input: CreateScoreInput;
};


export type MutationDatasetSqlArgs = {
  dataset: Scalars['ID']['input'];
  params?: InputMaybe<Array<Scalars['JSON']['input']>>;
  sql: Scalars['String']['input'];
};


export type MutationDeleteDatasetArgs = {
  input: DeleteDatasetInput;
};


export type MutationDeleteDatasetRecordsArgs = {
  input: DeleteDatasetRecordsInput;
};


export type MutationDeleteDatasetSnapshotArgs = {
  input: DeleteDatasetSnapshotInput;
};


export type MutationDeleteEvaluatorArgs = {
  input: DeleteEvaluatorInput;
};


export type MutationDeleteModelPriceArgs = {
  input: DeleteModelPriceInput;
};


export type MutationDeleteModelServiceArgs = {
  input: DeleteModelServiceInput;
};


export type MutationDeleteProjectArgs = {
  input: DeleteProjectInput;
};


export type MutationDryRunEvaluatorArgs = {
  input: DryRunEvaluatorInput;
};


export type MutationPauseEvalTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRecomputeCostsArgs = {
  input: RecomputeCostsInput;
};


export type MutationReindexDatasetSearchArgs = {
  input: ReindexDatasetSearchInput;
};


export type MutationRenameProjectArgs = {
  input: RenameProjectInput;
};


export type MutationResumeEvalTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  input: RevokeApiKeyInput;
};


export type MutationSetProjectRetentionArgs = {
  input: SetProjectRetentionInput;
};


export type MutationTestModelServiceArgs = {
  input: TestModelServiceInput;
};


export type MutationUpdateDatasetArgs = {
  input: UpdateDatasetInput;
};


export type MutationUpdateDatasetRecordArgs = {
  input: UpdateDatasetRecordInput;
};


export type MutationUpdateDatasetRecordsArgs = {
  input: UpdateDatasetRecordsInput;
};


export type MutationUpdateEvaluatorArgs = {
  input: UpdateEvaluatorInput;
};


export type MutationUpdateModelPriceArgs = {
  input: UpdateModelPriceInput;
};


export type MutationUpdateModelServiceArgs = {
  input: UpdateModelServiceInput;
};

export type MutationAddTracesToDatasetResult = AddTracesToDatasetPayload | ConflictError | InvalidInputError | NotFoundError;

export type MutationCancelEvalTaskResult = ConflictError | EvalTaskPayload | InvalidInputError | NotFoundError;

export type MutationChangeDatasetSchemaResult = ChangeDatasetSchemaPayload | ConflictError | InvalidInputError | NotFoundError | SchemaChangeBreaksRecordsError;

export type MutationCorrectScoreResult = ConflictError | InvalidInputError | NotFoundError | ScorePayload;

export type MutationCreateApiKeyResult = ConflictError | CreateApiKeyPayload | InvalidInputError | NotFoundError;

export type MutationCreateDatasetRecordResult = ConflictError | DatasetRecordPayload | InvalidInputError | NotFoundError;

export type MutationCreateDatasetRecordsResult = ConflictError | DatasetRecordsPayload | InvalidInputError | NotFoundError;

export type MutationCreateDatasetResult = ConflictError | DatasetPayload | InvalidInputError | NotFoundError;

export type MutationCreateDatasetSnapshotResult = ConflictError | DatasetSnapshotPayload | InvalidInputError | NotFoundError;

export type MutationCreateEvalTaskResult = ConflictError | EvalTaskPayload | InvalidInputError | NotFoundError;

export type MutationCreateEvaluatorResult = ConflictError | EvaluatorPayload | InvalidInputError | NotFoundError;

export type MutationCreateModelPriceResult = ConflictError | InvalidInputError | ModelPricePayload | NotFoundError;

export type MutationCreateModelServiceResult = ConflictError | InvalidInputError | ModelServicePayload | NotFoundError;

export type MutationCreateProjectResult = ConflictError | InvalidInputError | NotFoundError | ProjectPayload;

export type MutationCreateScoreResult = ConflictError | InvalidInputError | NotFoundError | ScorePayload;

export type MutationDatasetSqlResult = ConflictError | DatasetSqlError | DatasetSqlResult | InvalidInputError | NotFoundError;

export type MutationDeleteDatasetRecordsResult = ConflictError | DeleteDatasetRecordsPayload | InvalidInputError | NotFoundError;

export type MutationDeleteDatasetResult = ConflictError | DeleteDatasetPayload | InvalidInputError | NotFoundError;

export type MutationDeleteDatasetSnapshotResult = ConflictError | DeleteDatasetSnapshotPayload | InvalidInputError | NotFoundError;

export type MutationDeleteEvaluatorResult = ConflictError | DeleteEvaluatorPayload | InvalidInputError | NotFoundError;

export type MutationDeleteModelPriceResult = ConflictError | DeleteModelPricePayload | InvalidInputError | NotFoundError;

export type MutationDeleteModelServiceResult = ConflictError | DeleteModelServicePayload | InvalidInputError | NotFoundError;

export type MutationDeleteProjectResult = ConflictError | DeleteProjectPayload | InvalidInputError | NotFoundError;

export type MutationDryRunEvaluatorResult = ConflictError | EvaluatorDryRun | InvalidInputError | NotFoundError;

export type MutationPauseEvalTaskResult = ConflictError | EvalTaskPayload | InvalidInputError | NotFoundError;

export type MutationRecomputeCostsResult = ConflictError | InvalidInputError | NotFoundError | RecomputeCostsPayload;

export type MutationReindexDatasetSearchResult = ConflictError | InvalidInputError | NotFoundError | ReindexSearchPayload;

export type MutationReindexProjectSearchResult = ConflictError | InvalidInputError | NotFoundError | ReindexSearchPayload;

export type MutationRenameProjectResult = ConflictError | InvalidInputError | NotFoundError | ProjectPayload;

export type MutationResumeEvalTaskResult = ConflictError | EvalTaskPayload | InvalidInputError | NotFoundError;

export type MutationRevokeApiKeyResult = ConflictError | InvalidInputError | NotFoundError | RevokeApiKeyPayload;

export type MutationSetProjectRetentionResult = ConflictError | InvalidInputError | NotFoundError | ProjectPayload;

export type MutationTestModelServiceResult = ConflictError | InvalidInputError | ModelServiceTestResult | NotFoundError;

export type MutationUpdateDatasetRecordResult = ConflictError | DatasetRecordPayload | InvalidInputError | NotFoundError;

export type MutationUpdateDatasetRecordsResult = ConflictError | InvalidInputError | NotFoundError | UpdateDatasetRecordsPayload;

export type MutationUpdateDatasetResult = ConflictError | DatasetPayload | InvalidInputError | NotFoundError;

export type MutationUpdateEvaluatorResult = ConflictError | EvaluatorPayload | InvalidInputError | NotFoundError;

export type MutationUpdateModelPriceResult = ConflictError | InvalidInputError | ModelPricePayload | NotFoundError;

export type MutationUpdateModelServiceResult = ConflictError | InvalidInputError | ModelServicePayload | NotFoundError;

export type Node = {
  id: Scalars['ID']['output'];
};

/** The object does not exist, or it belongs to a project this key cannot see. */
export type NotFoundError = Error & {
  __typename?: 'NotFoundError';
  code: ErrorCode;
  message: Scalars['String']['output'];
};

export type Organization = Node & {
  __typename?: 'Organization';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The projects of this organization the key can see. */
  projects: OrganizationProjectsConnection;
};


export type OrganizationProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationProjectsConnection = {
  __typename?: 'OrganizationProjectsConnection';
  edges: Array<OrganizationProjectsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OrganizationProjectsConnectionEdge = {
  __typename?: 'OrganizationProjectsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Project;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A plugin a package exported, loaded or not. Fields other than name, package, status and error are null when the value failed the checks. */
export type Plugin = {
  __typename?: 'Plugin';
  apiVersion?: Maybe<Scalars['Int']['output']>;
  /** One of AgentLoop's own packages. */
  builtIn: Scalars['Boolean']['output'];
  /** What a configured evaluator may put in `config`, as JSON Schema (draft 2020-12), for building forms. */
  configJsonSchema?: Maybe<Scalars['JSON']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  /** Why it is not LOADED. */
  error?: Maybe<Scalars['String']['output']>;
  kind?: Maybe<PluginKind>;
  /** What evaluators name it by; `<package>#<index>` when it has none. */
  name: Scalars['String']['output'];
  needsEmbeddings: Scalars['Boolean']['output'];
  needsJudge: Scalars['Boolean']['output'];
  optionalInputs: Array<Scalars['String']['output']>;
  /** The npm package it came from. */
  package: Scalars['String']['output'];
  /** Parts of a sample without which it is not evaluated (input, output, expectedOutput, context, tools, …). */
  requiredInputs: Array<Scalars['String']['output']>;
  /** The scores it produces; empty when they depend on the configuration. */
  scoreDefinitions: Array<ScoreDefinition>;
  /** The scores are chosen by the configuration (a custom judge); see the configured evaluator for them. */
  scoresDependOnConfig: Scalars['Boolean']['output'];
  status: PluginStatus;
  version?: Maybe<Scalars['String']['output']>;
};

export type PluginKind =
  | 'EVALUATOR'
  | 'MEMORY_STRATEGY';

/** A package the server was configured to load (built-in, agentloop.config.json or AGENTLOOP_PLUGINS). */
export type PluginPackage = {
  __typename?: 'PluginPackage';
  builtIn: Scalars['Boolean']['output'];
  error?: Maybe<Scalars['String']['output']>;
  package: Scalars['String']['output'];
  plugins: Array<Plugin>;
  status: PluginPackageStatus;
};

export type PluginPackageStatus =
  /** Not installed, threw on import, hung, or exports no `plugins` list; `error` says which. */
  | 'FAILED'
  /** Imported; its plugins are listed with their own status. */
  | 'LOADED';

export type PluginStatus =
  /** Another package registered a plugin with the same name first. */
  | 'DUPLICATE'
  /** Failed the host's checks (shape, apiVersion, config schema); `error` says which field. */
  | 'INVALID'
  /** Checked, set up and usable by evaluators. */
  | 'LOADED'
  /** Its setup threw or did not finish in time. */
  | 'SETUP_FAILED';

export type Project = Node & {
  __typename?: 'Project';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  organization: Organization;
  /** A trace is deleted, with all its spans, once it ended more than this many days ago; log records by their own time. null keeps everything forever. */
  retentionDays?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type ProjectPayload = {
  __typename?: 'ProjectPayload';
  project: Project;
};

export type Query = {
  __typename?: 'Query';
  apiKeys: QueryApiKeysConnection;
  /** The project's applications by name. */
  applications: QueryApplicationsConnection;
  /** Newest first. */
  auditLog: QueryAuditLogConnection;
  /** A dataset of the project by ID (null when it does not exist or belongs to another project). */
  dataset?: Maybe<Dataset>;
  /** One import by ID (null when it does not exist or belongs to another project). */
  datasetImport?: Maybe<DatasetImport>;
  /** Searches the records of one dataset of this project: full text, by meaning or hybrid, with filters. The index follows writes within moments (see `/readyz` for its lag); hits show the records as stored now. */
  datasetSearch: QueryDatasetSearchResult;
  /** The project's datasets by name. */
  datasets: QueryDatasetsConnection;
  /** Failed spans of [from, to) grouped by error type and message, most frequent first. */
  errorGroups: Array<AnalysisErrorGroup>;
  /** An eval task's decisions, in the order they were made: why each candidate was or was not evaluated. */
  evalDecisions: QueryEvalDecisionsConnection;
  /** One eval task with its status, decision counts, progress, tokens and cost. */
  evalTask?: Maybe<EvalTask>;
  /** The project's eval tasks, newest first. */
  evalTasks: QueryEvalTasksConnection;
  /** One evaluator by global ID; null if it does not exist in this project. */
  evaluator?: Maybe<Evaluator>;
  /** The project's configured evaluators, oldest first. */
  evaluators: QueryEvaluatorsConnection;
  /** Log records of the project across traces, newest first. Pages forward only: `first` (default 20, at most 100) and `after`. */
  logs: LogRecordConnection;
  /** Time series of requests, errors, latency, tokens, cost, sessions and users per bucket. */
  metrics: MetricsResult;
  modelPrices: QueryModelPricesConnection;
  /** One model service by global ID; null if it does not exist in this project. */
  modelService?: Maybe<ModelService>;
  /** The project's model services, oldest first. */
  modelServices: QueryModelServicesConnection;
  node?: Maybe<Node>;
  nodes: Array<Maybe<Node>>;
  /** Calls, errors and latency per operation name in [from, to), busiest first, optionally of one kind. */
  operationAnalysis: Array<AnalysisOperation>;
  organization: Organization;
  /** A plugin by name; a usable one wins over a failed one of the same name. */
  plugin?: Maybe<Plugin>;
  /** Every configured plugin package and whether it loaded: where to look when a plugin is missing. */
  pluginPackages: Array<PluginPackage>;
  /** Plugins of this server in load order (the built-in ones first). Only usable ones unless `includeFailed`. */
  plugins: Array<Plugin>;
  /** The key's own project, or every project of the organization for an organization admin. */
  projects: QueryProjectsConnection;
  /** Scores of the project, newest first. */
  scores: QueryScoresConnection;
  /** One session by its id; null when the project has no trace with it. */
  session?: Maybe<Session>;
  /** Sessions derived from traces, most recently seen first. Pages forward only: `first` (default 20, at most 100) and `after`. */
  sessions: SessionConnection;
  /** The longest spans that started in [from, to), longest first, optionally of one kind. */
  slowestSpans: Array<AnalysisSpan>;
  /** The longest traces that started in [from, to), longest first. */
  slowestTraces: Array<AnalysisTrace>;
  /** Spans of the project across traces, newest first. Pages forward only: `first` (default 20, at most 100) and `after`. */
  spans: SpanConnection;
  /** The plugin `apiVersion`s this server loads; a plugin declaring another one is INVALID. */
  supportedPluginApiVersions: Array<Scalars['Int']['output']>;
  /** Token and cost totals with per-request and per-session averages over a range. */
  tokenAnalysis: MetricTokenAnalysis;
  /** Who calls what across the traces of [from, to), with call counts, error rates and latency per edge. */
  topology: Topology;
  /** A trace by its OpenTelemetry trace id; null when missing or in another project. */
  trace?: Maybe<Trace>;
  /** Traces of the project; newest first unless `orderBy` says otherwise. Pages forward only: `first` (default 20, at most 100) and `after`. */
  traces: TraceConnection;
  /** Why is a field of my spans empty? The attribute keys of an application's spans that no mapper (GenAI, OpenInference, OpenLLMetry) understood, most frequent first. Defaults to the last 7 days. */
  unmappedAttributes: Array<UnmappedAttribute>;
  /** One end user by id; null when the project has no trace with it. */
  user?: Maybe<EndUser>;
  /** End users derived from traces, most recently seen first. Pages forward only: `first` (default 20, at most 100) and `after`. */
  users: EndUserConnection;
  viewer: Viewer;
};


export type QueryApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeRevoked?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  project?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryApplicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetImportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetSearchArgs = {
  dataset: Scalars['ID']['input'];
  embeddingField?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DatasetSearchFilter>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  mode?: InputMaybe<DatasetSearchMode>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  semanticRatio?: InputMaybe<Scalars['Float']['input']>;
};


export type QueryDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryErrorGroupsArgs = {
  application?: InputMaybe<Scalars['ID']['input']>;
  from: Scalars['DateTime']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  to: Scalars['DateTime']['input'];
};


export type QueryEvalDecisionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  decision?: InputMaybe<Array<EvalDecisionKind>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  task: Scalars['ID']['input'];
  traceId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryEvalTaskArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEvalTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  application?: InputMaybe<Scalars['ID']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<EvalTaskStatus>>;
};


export type QueryEvaluatorArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEvaluatorsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  plugin?: InputMaybe<Scalars['String']['input']>;
};


export type QueryLogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<LogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMetricsArgs = {
  input: MetricsInput;
};


export type QueryModelPricesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeBuiltIn?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryModelServiceArgs = {
  id: Scalars['ID']['input'];
};


export type QueryModelServicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<ModelServiceKind>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryOperationAnalysisArgs = {
  application?: InputMaybe<Scalars['ID']['input']>;
  from: Scalars['DateTime']['input'];
  kind?: InputMaybe<SpanKind>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  to: Scalars['DateTime']['input'];
};


export type QueryPluginArgs = {
  name: Scalars['String']['input'];
};


export type QueryPluginsArgs = {
  includeFailed?: InputMaybe<Scalars['Boolean']['input']>;
  kind?: InputMaybe<PluginKind>;
};


export type QueryProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryScoresArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ScoreFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySessionArgs = {
  sessionId: Scalars['String']['input'];
};


export type QuerySessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SessionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySlowestSpansArgs = {
  application?: InputMaybe<Scalars['ID']['input']>;
  from: Scalars['DateTime']['input'];
  kind?: InputMaybe<SpanKind>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  to: Scalars['DateTime']['input'];
};


export type QuerySlowestTracesArgs = {
  application?: InputMaybe<Scalars['ID']['input']>;
  from: Scalars['DateTime']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  to: Scalars['DateTime']['input'];
};


export type QuerySpansArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SpanFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTokenAnalysisArgs = {
  input: MetricsRangeInput;
};


export type QueryTopologyArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryTraceArgs = {
  traceId: Scalars['String']['input'];
};


export type QueryTracesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TraceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<TraceOrder>;
};


export type QueryUnmappedAttributesArgs = {
  application: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['DateTime']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryUserArgs = {
  userId: Scalars['String']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EndUserFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryApiKeysConnection = {
  __typename?: 'QueryApiKeysConnection';
  edges: Array<QueryApiKeysConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryApiKeysConnectionEdge = {
  __typename?: 'QueryApiKeysConnectionEdge';
  cursor: Scalars['String']['output'];
  node: ApiKey;
};

export type QueryApplicationsConnection = {
  __typename?: 'QueryApplicationsConnection';
  edges: Array<QueryApplicationsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryApplicationsConnectionEdge = {
  __typename?: 'QueryApplicationsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Application;
};

export type QueryAuditLogConnection = {
  __typename?: 'QueryAuditLogConnection';
  edges: Array<QueryAuditLogConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryAuditLogConnectionEdge = {
  __typename?: 'QueryAuditLogConnectionEdge';
  cursor: Scalars['String']['output'];
  node: AuditLogEntry;
};

export type QueryDatasetSearchResult = DatasetSearchResult | EmbeddingNotConfiguredError | InvalidInputError | NotFoundError | UnavailableError;

export type QueryDatasetsConnection = {
  __typename?: 'QueryDatasetsConnection';
  edges: Array<QueryDatasetsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryDatasetsConnectionEdge = {
  __typename?: 'QueryDatasetsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Dataset;
};

export type QueryEvalDecisionsConnection = {
  __typename?: 'QueryEvalDecisionsConnection';
  edges: Array<QueryEvalDecisionsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryEvalDecisionsConnectionEdge = {
  __typename?: 'QueryEvalDecisionsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: EvalDecision;
};

export type QueryEvalTasksConnection = {
  __typename?: 'QueryEvalTasksConnection';
  edges: Array<QueryEvalTasksConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryEvalTasksConnectionEdge = {
  __typename?: 'QueryEvalTasksConnectionEdge';
  cursor: Scalars['String']['output'];
  node: EvalTask;
};

export type QueryEvaluatorsConnection = {
  __typename?: 'QueryEvaluatorsConnection';
  edges: Array<QueryEvaluatorsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryEvaluatorsConnectionEdge = {
  __typename?: 'QueryEvaluatorsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Evaluator;
};

export type QueryModelPricesConnection = {
  __typename?: 'QueryModelPricesConnection';
  edges: Array<QueryModelPricesConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryModelPricesConnectionEdge = {
  __typename?: 'QueryModelPricesConnectionEdge';
  cursor: Scalars['String']['output'];
  node: ModelPrice;
};

export type QueryModelServicesConnection = {
  __typename?: 'QueryModelServicesConnection';
  edges: Array<QueryModelServicesConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryModelServicesConnectionEdge = {
  __typename?: 'QueryModelServicesConnectionEdge';
  cursor: Scalars['String']['output'];
  node: ModelService;
};

export type QueryProjectsConnection = {
  __typename?: 'QueryProjectsConnection';
  edges: Array<QueryProjectsConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryProjectsConnectionEdge = {
  __typename?: 'QueryProjectsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Project;
};

export type QueryScoresConnection = {
  __typename?: 'QueryScoresConnection';
  edges: Array<QueryScoresConnectionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QueryScoresConnectionEdge = {
  __typename?: 'QueryScoresConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Score;
};

export type RecomputeCostsInput = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type RecomputeCostsPayload = {
  __typename?: 'RecomputeCostsPayload';
  spansChanged: Scalars['Int']['output'];
  spansExamined: Scalars['Int']['output'];
  tracesRefreshed: Scalars['Int']['output'];
};

export type ReindexDatasetSearchInput = {
  dataset: Scalars['ID']['input'];
};

/** A queued rebuild. Poll `indexLag` through the same mutation, or /readyz, to see it drain. */
export type ReindexSearchPayload = {
  __typename?: 'ReindexSearchPayload';
  /** The datasets whose index is rebuilt. */
  datasets: Array<Dataset>;
  /** These datasets' index lag right after queueing. */
  indexLag: SearchIndexLag;
  /** Rebuilds newly queued; fewer than the datasets when some already had one waiting. */
  queued: Scalars['Int']['output'];
};

export type RenameProjectInput = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};

export type RevokeApiKeyInput = {
  id: Scalars['ID']['input'];
};

export type RevokeApiKeyPayload = {
  __typename?: 'RevokeApiKeyPayload';
  apiKey: ApiKey;
};

/** Existing records would not survive the schema change (code CONFLICT). Nothing was changed; fix the records, or set `dropValues` to drop values that no longer fit. */
export type SchemaChangeBreaksRecordsError = Error & {
  __typename?: 'SchemaChangeBreaksRecordsError';
  /** All breaking values. */
  breakingCount: Scalars['Int']['output'];
  /** The first 100 by record id. */
  breakingRecords: Array<DatasetSchemaBreakage>;
  code: ErrorCode;
  message: Scalars['String']['output'];
};

/** A number or a label about one trace or span. A human correction adds a new score and marks this one `supersededBy` it; filters and aggregates read current scores only. */
export type Score = Node & {
  __typename?: 'Score';
  /** A human's note. */
  comment?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Not superseded by a correction. */
  current: Scalars['Boolean']['output'];
  /** DATASET_RECORD: the record as it is now (null once deleted); `recordVersion` is the version scored. */
  datasetRecord?: Maybe<DatasetRecord>;
  /** DATASET_RECORD: Global ID of the record (it may since have changed or been deleted). */
  datasetRecordId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  judge?: Maybe<JudgeCall>;
  label?: Maybe<Scalars['String']['output']>;
  metadata: Scalars['JSON']['output'];
  name: Scalars['String']['output'];
  /** The evaluator's or judge's explanation. */
  reasoning?: Maybe<Scalars['String']['output']>;
  /** DATASET_RECORD: the version of the record that was scored. */
  recordVersion?: Maybe<Scalars['Int']['output']>;
  /** DATASET_RECORD scores of eval tasks: the snapshot the record was read through. */
  snapshot?: Maybe<DatasetSnapshot>;
  source: ScoreSource;
  span?: Maybe<Span>;
  /** OpenTelemetry span id of a SPAN target. */
  spanId?: Maybe<Scalars['String']['output']>;
  /** The human correction that replaced this score. */
  supersededBy?: Maybe<Score>;
  targetType: ScoreTargetType;
  trace?: Maybe<Trace>;
  /** OpenTelemetry trace id of the target (or its trace). */
  traceId?: Maybe<Scalars['String']['output']>;
  value?: Maybe<Scalars['Float']['output']>;
};

/** Current scores of one name in one bucket. Every point of a result lists the same aggregates (count 0 where the bucket has none). */
export type ScoreAggregate = ScoreStatistics & {
  __typename?: 'ScoreAggregate';
  /** Of the numeric values; null when there are none. */
  avg?: Maybe<Scalars['Float']['output']>;
  /** Scores, numeric and labelled. */
  count: Scalars['Int']['output'];
  /** The Evaluator the request named. */
  evaluator?: Maybe<Scalars['ID']['output']>;
  /** Counts per label, most frequent first. */
  labels: Array<ScoreLabelCount>;
  max?: Maybe<Scalars['Float']['output']>;
  min?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  /** Median, interpolated (percentile_cont). */
  p50?: Maybe<Scalars['Float']['output']>;
  p90?: Maybe<Scalars['Float']['output']>;
  /** Index of the request in `MetricsInput.scores`. */
  request: Scalars['Int']['output'];
  source?: Maybe<ScoreSource>;
};

export type ScoreComparison =
  | 'EQ'
  | 'GT'
  | 'GTE'
  | 'LT'
  | 'LTE'
  | 'NE';

/** Matches traces with a current score of this name (on the trace or one of its spans) meeting the condition. */
export type ScoreCondition = {
  /** Instead of `value`: the score has this label. */
  label?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** Compares `value`; defaults to EQ. */
  op?: InputMaybe<ScoreComparison>;
  value?: InputMaybe<Scalars['Float']['input']>;
};

/** A score an evaluator produces. */
export type ScoreDefinition = {
  __typename?: 'ScoreDefinition';
  description?: Maybe<Scalars['String']['output']>;
  higherIsBetter?: Maybe<Scalars['Boolean']['output']>;
  kind: ScoreKind;
  labels?: Maybe<Array<Scalars['String']['output']>>;
  max?: Maybe<Scalars['Float']['output']>;
  min?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
};

export type ScoreFilter = {
  /** Global ID of an Application. */
  application?: InputMaybe<Scalars['ID']['input']>;
  /** Global ID of an Evaluator. */
  evaluator?: InputMaybe<Scalars['ID']['input']>;
  /** Created at or after. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Also scores a human has corrected. */
  includeSuperseded?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<ScoreSource>;
  /** Global ID of an EvalTask. */
  task?: InputMaybe<Scalars['ID']['input']>;
  /** Created before. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** OpenTelemetry trace id (32 hex digits). */
  traceId?: InputMaybe<Scalars['String']['input']>;
};

export type ScoreKind =
  | 'LABEL'
  | 'NUMERIC';

export type ScoreLabelCount = {
  __typename?: 'ScoreLabelCount';
  count: Scalars['Int']['output'];
  label: Scalars['String']['output'];
};

export type ScorePayload = {
  __typename?: 'ScorePayload';
  score: Score;
};

/** Current scores to aggregate per bucket: by name, by the evaluator that wrote them, or both; optionally of one source. */
export type ScoreSeriesRequest = {
  /** Global ID of an Evaluator. */
  evaluator?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** The current score's source: a human's correction of an LLM score is HUMAN. */
  source?: InputMaybe<ScoreSource>;
};

export type ScoreSource =
  /** Computed deterministically by an evaluator. */
  | 'CODE'
  /** Added or corrected by a person through the API. */
  | 'HUMAN'
  /** Judged by a model; judge fields say which, with what prompt version and cost. */
  | 'LLM';

/** Count, numeric statistics and label counts of a set of current scores. */
export type ScoreStatistics = {
  /** Of the numeric values; null when there are none. */
  avg?: Maybe<Scalars['Float']['output']>;
  /** Scores, numeric and labelled. */
  count: Scalars['Int']['output'];
  /** Counts per label, most frequent first. */
  labels: Array<ScoreLabelCount>;
  max?: Maybe<Scalars['Float']['output']>;
  min?: Maybe<Scalars['Float']['output']>;
  /** Median, interpolated (percentile_cont). */
  p50?: Maybe<Scalars['Float']['output']>;
  p90?: Maybe<Scalars['Float']['output']>;
};

/** Current scores of one name about an application's traces in the overview's range. */
export type ScoreSummary = {
  __typename?: 'ScoreSummary';
  /** Of the numeric values; null when all are labels. */
  avg?: Maybe<Scalars['Float']['output']>;
  count: Scalars['Int']['output'];
  /** When the most recent score was written. */
  lastAt: Scalars['DateTime']['output'];
  lastLabel?: Maybe<Scalars['String']['output']>;
  /** Of the most recently written score. */
  lastValue?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
};

export type ScoreTargetType =
  | 'DATASET_RECORD'
  | 'EXPERIMENT_SAMPLE'
  | 'SPAN'
  | 'TRACE';

/** Index work written to the search outbox and not yet applied to Meilisearch (as /readyz reports it). Zero pending means search shows every committed write. */
export type SearchIndexLag = {
  __typename?: 'SearchIndexLag';
  /** Of those, rows that failed at least once and are retried with backoff. */
  failing: Scalars['Int']['output'];
  /** Age of the oldest waiting row; null when nothing waits. */
  oldestPendingSeconds?: Maybe<Scalars['Float']['output']>;
  /** Outbox rows waiting (record changes, rebuilds, index drops). */
  pending: Scalars['Int']['output'];
};

/** A conversation: the traces sharing a session id (`session.id`, GenAI conversation id). */
export type Session = {
  __typename?: 'Session';
  /** US dollars; unpriced calls count as 0. */
  cost: Scalars['Float']['output'];
  /** Traces with an error. */
  errorCount: Scalars['Int']['output'];
  /** Start of the first trace. */
  firstSeen: Scalars['DateTime']['output'];
  inputTokens: Scalars['Float']['output'];
  /** End of the last trace. */
  lastSeen: Scalars['DateTime']['output'];
  outputTokens: Scalars['Float']['output'];
  sessionId: Scalars['String']['output'];
  totalTokens: Scalars['Float']['output'];
  traceCount: Scalars['Int']['output'];
  /** The session's traces in start order (all of them, whatever the list's filter). */
  turns: Array<Trace>;
  /** End users seen in the session. */
  users: Array<Scalars['String']['output']>;
};

export type SessionConnection = {
  __typename?: 'SessionConnection';
  edges: Array<SessionConnectionEdge>;
  pageInfo: PageInfo;
  /** Sessions matching the filter; counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

export type SessionConnectionEdge = {
  __typename?: 'SessionConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Session;
};

/** Sessions with traces matching all given filters; times are [from, to) on trace start. */
export type SessionFilter = {
  /** Global ID of an Application. */
  application?: InputMaybe<Scalars['ID']['input']>;
  /** Inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exclusive. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

export type SetProjectRetentionInput = {
  /** Days of telemetry to keep (1–3650); null or absent keeps it forever. */
  days?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};

export type SkippedTraceSource = {
  __typename?: 'SkippedTraceSource';
  reason: Scalars['String']['output'];
  /** Global ID of the Trace or Span. */
  source: Scalars['ID']['output'];
};

/** Current scores of one name that one eval task (or people, without a task) wrote on a snapshot's records, against the snapshot’s record count: the numbers two runs over the same snapshot are compared by. */
export type SnapshotScoreSummary = ScoreStatistics & {
  __typename?: 'SnapshotScoreSummary';
  /** Of the numeric values; null when there are none. */
  avg?: Maybe<Scalars['Float']['output']>;
  /** Of `count`, people's corrections of the task's scores. */
  corrected: Scalars['Int']['output'];
  /** Scores, numeric and labelled. */
  count: Scalars['Int']['output'];
  /** scoredRecords / recordCount (0–1); records a task skipped or failed on are the rest. */
  coverage: Scalars['Float']['output'];
  /** Counts per label, most frequent first. */
  labels: Array<ScoreLabelCount>;
  max?: Maybe<Scalars['Float']['output']>;
  min?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  /** Median, interpolated (percentile_cont). */
  p50?: Maybe<Scalars['Float']['output']>;
  p90?: Maybe<Scalars['Float']['output']>;
  /** Records in the snapshot: the denominator. */
  recordCount: Scalars['Int']['output'];
  /** Distinct records with a current score of this name. */
  scoredRecords: Scalars['Int']['output'];
  /** The eval task that wrote them; null for scores people added without one. */
  task?: Maybe<EvalTask>;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** One OpenTelemetry span, normalised; `attributes` keeps what the instrumentation sent. */
export type Span = Node & {
  __typename?: 'Span';
  application: Application;
  /** The raw span attributes, exactly as the instrumentation sent them. */
  attributes: Scalars['JSON']['output'];
  cachedTokens?: Maybe<Scalars['Int']['output']>;
  /** Direct children in start order, from the spans already loaded for the trace. */
  children: Array<Span>;
  /** Which convention mapped the span: genai, openinference, openllmetry or otel. */
  convention: Scalars['String']['output'];
  /** US dollars; null when the model has no price. */
  cost?: Maybe<Scalars['Float']['output']>;
  durationMs: Scalars['Float']['output'];
  endTime: Scalars['DateTime']['output'];
  events: Array<SpanEvent>;
  id: Scalars['ID']['output'];
  input?: Maybe<Scalars['String']['output']>;
  inputTokens?: Maybe<Scalars['Int']['output']>;
  kind: SpanKind;
  metadata: Scalars['JSON']['output'];
  /** The model that answered. */
  model?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** e.g. chat, embeddings, execute_tool. */
  operation?: Maybe<Scalars['String']['output']>;
  output?: Maybe<Scalars['String']['output']>;
  outputTokens?: Maybe<Scalars['Int']['output']>;
  /** Null for a root span; set but absent from the trace for an orphan. */
  parentSpanId?: Maybe<Scalars['String']['output']>;
  provider?: Maybe<Scalars['String']['output']>;
  requestModel?: Maybe<Scalars['String']['output']>;
  resourceAttributes: Scalars['JSON']['output'];
  retrievedDocuments?: Maybe<Scalars['JSON']['output']>;
  /** Current scores of this span, oldest first. */
  scores: Array<Score>;
  sessionId?: Maybe<Scalars['String']['output']>;
  /** 16 hex digits. */
  spanId: Scalars['String']['output'];
  startTime: Scalars['DateTime']['output'];
  status: SpanStatus;
  statusMessage?: Maybe<Scalars['String']['output']>;
  tags: Array<Scalars['String']['output']>;
  toolArguments?: Maybe<Scalars['String']['output']>;
  toolName?: Maybe<Scalars['String']['output']>;
  toolResult?: Maybe<Scalars['String']['output']>;
  totalTokens?: Maybe<Scalars['Int']['output']>;
  trace: Trace;
  /** 32 hex digits. */
  traceId: Scalars['String']['output'];
  /** Attribute keys no mapper understood: why a field above may be empty. */
  unmappedAttributes: Array<Scalars['String']['output']>;
  userId?: Maybe<Scalars['String']['output']>;
};


/** One OpenTelemetry span, normalised; `attributes` keeps what the instrumentation sent. */
export type SpanScoresArgs = {
  includeSuperseded?: InputMaybe<Scalars['Boolean']['input']>;
};

export type SpanConnection = {
  __typename?: 'SpanConnection';
  edges: Array<SpanConnectionEdge>;
  pageInfo: PageInfo;
  /** Spans matching the filter; counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

export type SpanConnectionEdge = {
  __typename?: 'SpanConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Span;
};

/** An event recorded on a span (exceptions, GenAI messages, …). */
export type SpanEvent = {
  __typename?: 'SpanEvent';
  attributes: Scalars['JSON']['output'];
  name: Scalars['String']['output'];
  time?: Maybe<Scalars['DateTime']['output']>;
};

/** All given filters must hold. Times are [from, to) on the span start. */
export type SpanFilter = {
  /** Global ID of an Application. */
  application?: InputMaybe<Scalars['ID']['input']>;
  /** Inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Any of these kinds. */
  kind?: InputMaybe<Array<SpanKind>>;
  /** The model that answered or the one requested, by name or a dated snapshot of it: `gpt-4o` finds `gpt-4o-2024-08-06`, not `gpt-4o-mini`. */
  model?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<SpanStatus>;
  /** Exclusive. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  toolName?: InputMaybe<Scalars['String']['input']>;
  /** The 32-hex-digit trace id. */
  traceId?: InputMaybe<Scalars['String']['input']>;
};

/** What a span did, normalised from whichever convention the instrumentation used. */
export type SpanKind =
  | 'AGENT'
  | 'CHAIN'
  | 'EMBEDDING'
  | 'EVALUATOR'
  | 'GUARDRAIL'
  | 'LLM'
  | 'RERANKER'
  | 'RETRIEVER'
  | 'TOOL'
  | 'UNKNOWN';

/** OpenTelemetry span status; a trace is ERROR when any of its spans is. */
export type SpanStatus =
  | 'ERROR'
  | 'OK'
  | 'UNSET';

/** A place in the statement, counted in characters from 1. */
export type SqlPosition = {
  __typename?: 'SqlPosition';
  column: Scalars['Int']['output'];
  line: Scalars['Int']['output'];
  /** Character offset from the start, 1-based. */
  position: Scalars['Int']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Each new audit entry of the key's project, as it commits, from any server instance. */
  auditLogEntryCreated: AuditLogEntry;
  /** Progress of one import, or of every import into a dataset (subscribe before uploading to learn the new import's id from its first event). Exactly one of `import` and `dataset`. */
  datasetImportProgress: DatasetImportProgress;
  /** An eval task's status and counters each time they change, from any server instance. */
  evalTaskProgress?: Maybe<EvalTask>;
  /** New scores (from eval tasks and humans) as they are committed, on any server instance. */
  scoresCreated: Array<Score>;
  /** Live dashboards: the summaries of traces as their spans are committed, from any server instance. A trace whose spans arrive in several exports is delivered again with its updated summary. */
  tracesIngested: Array<Trace>;
};


export type SubscriptionDatasetImportProgressArgs = {
  dataset?: InputMaybe<Scalars['ID']['input']>;
  import?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionEvalTaskProgressArgs = {
  task: Scalars['ID']['input'];
};


export type SubscriptionScoresCreatedArgs = {
  application?: InputMaybe<Scalars['ID']['input']>;
  task?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionTracesIngestedArgs = {
  application?: InputMaybe<Scalars['ID']['input']>;
};

export type TestModelServiceInput = {
  id: Scalars['ID']['input'];
};

export type Topology = {
  __typename?: 'Topology';
  edges: Array<TopologyEdge>;
  nodes: Array<TopologyNode>;
};

/** Calls from an application to a model, tool, retriever, service or another application. */
export type TopologyEdge = {
  __typename?: 'TopologyEdge';
  calls: Scalars['Int']['output'];
  errorRate: Scalars['Float']['output'];
  errors: Scalars['Int']['output'];
  latencyP50Ms: Scalars['Float']['output'];
  latencyP95Ms: Scalars['Float']['output'];
  source: Scalars['String']['output'];
  target: Scalars['String']['output'];
};

export type TopologyNode = {
  __typename?: 'TopologyNode';
  /** Traces started in an application; calls received by any other node. */
  calls: Scalars['Int']['output'];
  /** An application's global ID, or TYPE:name for the others; edges refer to nodes by it. */
  id: Scalars['String']['output'];
  name: Scalars['String']['output'];
  type: TopologyNodeType;
};

/** SERVICE is a downstream dependency named by `peer.service`, `db.system` or `server.address`. */
export type TopologyNodeType =
  | 'APPLICATION'
  | 'MODEL'
  | 'RETRIEVER'
  | 'SERVICE'
  | 'TOOL';

/** One OpenTelemetry trace: one request to an agent. The summary is recomputed from its spans. */
export type Trace = Node & {
  __typename?: 'Trace';
  /** The application of the root span. */
  application: Application;
  /** US dollars; null when no span had a known price. */
  cost?: Maybe<Scalars['Float']['output']>;
  deployment?: Maybe<Deployment>;
  /** Latency: first span start to last span end. */
  durationMs: Scalars['Float']['output'];
  endTime: Scalars['DateTime']['output'];
  errorCount: Scalars['Int']['output'];
  /** Why this trace (and each of its spans) was or was not evaluated, by every eval task that considered it. A trace no task considered yet has none: continuous tasks decide once the trace settled. */
  evalDecisions: Array<EvalDecision>;
  hasError: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  input?: Maybe<Scalars['String']['output']>;
  /** Of model calls (LLM and embedding spans) only. */
  inputTokens: Scalars['Int']['output'];
  /** The trace's log records in time order, GenAI events included. Pages forward only: `first` (default 20, at most 100) and `after`; batched for a whole page of traces. */
  logs: LogRecordConnection;
  metadata: Scalars['JSON']['output'];
  /** The models of the trace's calls: the one that answered, else the one requested. */
  models: Array<Scalars['String']['output']>;
  /** The root span's name (the earliest span's while the root is missing). */
  name: Scalars['String']['output'];
  output?: Maybe<Scalars['String']['output']>;
  outputTokens: Scalars['Int']['output'];
  /** The root span; null while it has not arrived. Batched for a whole page of traces. */
  rootSpan?: Maybe<Span>;
  /** The root span, plus orphans whose parent never arrived; walk down with `children`. */
  rootSpans: Array<Span>;
  /** Current scores of the trace and of its spans, oldest first. */
  scores: Array<Score>;
  sessionId?: Maybe<Scalars['String']['output']>;
  spanCount: Scalars['Int']['output'];
  /** Every span of the trace in start order, loaded in one query; build the tree with `parentSpanId`. */
  spans: Array<Span>;
  startTime: Scalars['DateTime']['output'];
  status: SpanStatus;
  tags: Array<Scalars['String']['output']>;
  totalTokens: Scalars['Int']['output'];
  /** The 32-hex-digit OpenTelemetry trace id. */
  traceId: Scalars['String']['output'];
  userId?: Maybe<Scalars['String']['output']>;
};


/** One OpenTelemetry trace: one request to an agent. The summary is recomputed from its spans. */
export type TraceLogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** One OpenTelemetry trace: one request to an agent. The summary is recomputed from its spans. */
export type TraceScoresArgs = {
  includeSuperseded?: InputMaybe<Scalars['Boolean']['input']>;
};

export type TraceConnection = {
  __typename?: 'TraceConnection';
  edges: Array<TraceConnectionEdge>;
  pageInfo: PageInfo;
  /** Traces matching the filter; counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

export type TraceConnectionEdge = {
  __typename?: 'TraceConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Trace;
};

/** All given filters must hold. Times are [from, to) on the trace start. */
export type TraceFilter = {
  /** Global ID of an Application. */
  application?: InputMaybe<Scalars['ID']['input']>;
  /** Global ID of a Deployment. */
  deployment?: InputMaybe<Scalars['ID']['input']>;
  /** Inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  hasError?: InputMaybe<Scalars['Boolean']['input']>;
  maxLatencyMs?: InputMaybe<Scalars['Float']['input']>;
  /** Every key must have its value. */
  metadata?: InputMaybe<Array<MetadataFilter>>;
  minLatencyMs?: InputMaybe<Scalars['Float']['input']>;
  /** A model of the trace (see `Trace.models`), by name or a dated snapshot of it: `gpt-4o` finds `gpt-4o-2024-08-06`, not `gpt-4o-mini`. */
  model?: InputMaybe<Scalars['String']['input']>;
  /** Every condition must hold, e.g. [{ name: "toxicity", op: GT, value: 0.5 }]. */
  scores?: InputMaybe<Array<ScoreCondition>>;
  sessionId?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<SpanStatus>;
  /** Traces carrying all of these tags. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Contained in the input or output, case-insensitively. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Exclusive. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

export type TraceOrder = {
  direction: SortDirection;
  field: TraceSortField;
  /** The score to sort by; required with SCORE, refused otherwise. */
  scoreName?: InputMaybe<Scalars['String']['input']>;
};

export type TraceSortField =
  /** cost; traces without a known cost sort as 0. */
  | 'COST'
  /** durationMs. */
  | 'LATENCY'
  /** The highest current value of the score named by `scoreName` on the trace or its spans; traces without one come last. */
  | 'SCORE'
  /** When the trace started. */
  | 'START_TIME'
  /** totalTokens. */
  | 'TOKENS';

/** Something the request needs is not configured or not reachable right now (the search engine, an embedding model); the message says what to configure or that it is temporary. */
export type UnavailableError = Error & {
  __typename?: 'UnavailableError';
  code: ErrorCode;
  message: Scalars['String']['output'];
};

/** A span attribute no convention mapper understood, with how often it was seen. */
export type UnmappedAttribute = {
  __typename?: 'UnmappedAttribute';
  key: Scalars['String']['output'];
  lastSeen: Scalars['DateTime']['output'];
  sampleSpanId: Scalars['String']['output'];
  /** OpenTelemetry trace id of a span that carried it. */
  sampleTraceId: Scalars['String']['output'];
  spanCount: Scalars['Int']['output'];
};

/** Absent fields stay as they are; an empty description clears it. Fields change with `changeDatasetSchema`. */
export type UpdateDatasetInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** Another EMBEDDING model service (its index is rebuilt with the new vectors); null: back to the project's only one. */
  embeddingServiceId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateDatasetRecordInput = {
  data: Scalars['JSON']['input'];
  /** Refuse with CONFLICT unless the record is at this version. */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  mode?: InputMaybe<DatasetRecordUpdateMode>;
};

export type UpdateDatasetRecordsInput = {
  dataset: Scalars['ID']['input'];
  mode?: InputMaybe<DatasetRecordUpdateMode>;
  /** Up to 1000; all or nothing. */
  records: Array<DatasetRecordChangeInput>;
};

export type UpdateDatasetRecordsPayload = {
  __typename?: 'UpdateDatasetRecordsPayload';
  /** Already had exactly this data: no version written. */
  unchanged: Array<DatasetRecord>;
  /** With a new version. */
  updated: Array<DatasetRecord>;
};

/** Absent fields keep their value; null clears a model service. The plugin cannot change: create another evaluator. */
export type UpdateEvaluatorInput = {
  /** Replaces the whole configuration. */
  config?: InputMaybe<Scalars['JSON']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  embeddingsService?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  judgeService?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
};

export type UpdateModelPriceInput = {
  cachedInputPerMillion?: InputMaybe<Scalars['Float']['input']>;
  effectiveFrom?: InputMaybe<Scalars['DateTime']['input']>;
  id: Scalars['ID']['input'];
  inputPerMillion?: InputMaybe<Scalars['Float']['input']>;
  modelPattern?: InputMaybe<Scalars['String']['input']>;
  outputPerMillion?: InputMaybe<Scalars['Float']['input']>;
};

/** Absent fields keep their value; null clears a nullable one; `parameters` replaces the whole set. */
export type UpdateModelServiceInput = {
  /** A new key replaces the stored one; null removes it. */
  apiKey?: InputMaybe<Scalars['String']['input']>;
  baseUrl?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  inputPricePerMillion?: InputMaybe<Scalars['Float']['input']>;
  kind?: InputMaybe<ModelServiceKind>;
  model?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  outputPricePerMillion?: InputMaybe<Scalars['Float']['input']>;
  parameters?: InputMaybe<ModelParametersInput>;
  provider?: InputMaybe<ModelProvider>;
};

/** The caller: one API key, its role, project and organization. */
export type Viewer = {
  __typename?: 'Viewer';
  apiKey: ApiKey;
  organization: Organization;
  organizationAdmin: Scalars['Boolean']['output'];
  project: Project;
  role: ApiKeyRole;
};
