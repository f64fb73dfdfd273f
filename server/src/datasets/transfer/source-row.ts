import type { FieldProblem } from '../validate-record.js';

/**
 * One row read from an import file: its parsed value, or why it could not be read. `row` is 1-based
 * (the line of JSONL, the record after the header of CSV). `fatal`: the file cannot be read past here.
 */
export type SourceRow =
  | { row: number; value: unknown; error?: undefined }
  | { row: number; error: FieldProblem; fatal?: boolean; value?: undefined };
