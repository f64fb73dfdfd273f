import { InvalidInputError } from '../errors/app-error.js';

/** Why one record was refused: which record (its position in the request, and its id once it has one) and which field. */
export type RecordIssue = {
  /** Position in the batch the caller sent (0-based), or the row/line number for imports. */
  index: number;
  recordId: string | null;
  /** The offending field; null when the record as a whole is wrong (not an object, too large). */
  field: string | null;
  message: string;
};

/** At most this many issues are listed; the total is always given. */
export const MAX_LISTED_ISSUES = 100;

const describe = (issue: RecordIssue) => {
  const record = issue.recordId ? `record ${issue.recordId}` : `record ${issue.index}`;
  return issue.field ? `${record}, field ${issue.field}: ${issue.message}` : `${record}: ${issue.message}`;
};

/**
 * Records that broke the dataset's schema. An INVALID_INPUT error whose issues point at
 * `<path>.<index>.<field>`, and whose messages name the record id when it has one.
 */
export class RecordValidationError extends InvalidInputError {
  readonly records: RecordIssue[];
  readonly total: number;

  constructor(issues: RecordIssue[], path = 'records') {
    const listed = issues.slice(0, MAX_LISTED_ISSUES);
    super(
      listed.map((issue) => ({
        path: [path, issue.index, issue.field].filter((part) => part !== null).join('.'),
        message: describe(issue),
      })),
    );
    if (issues.length > listed.length) {
      this.message = `${this.message} (and ${issues.length - listed.length} more)`;
    }
    this.name = 'RecordValidationError';
    this.records = listed;
    this.total = issues.length;
  }
}
