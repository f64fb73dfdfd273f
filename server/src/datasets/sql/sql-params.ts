/** A Postgres type a bind parameter is cast to; the only type names generated SQL ever contains. */
export type ParamType =
  | 'text'
  | 'numeric'
  | 'bigint'
  | 'boolean'
  | 'jsonb'
  | 'uuid'
  | 'text[]'
  | 'numeric[]'
  | 'boolean[]'
  | 'uuid[]';

/**
 * The bind parameters of one generated statement. Every value that came from the user (literals,
 * field names, json paths) travels here, never inside the SQL text. Equal values of equal type
 * share one placeholder, so an expression written twice (SELECT lower(a) … GROUP BY lower(a))
 * translates to the same SQL, which Postgres needs to match grouped expressions.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly seen = new Map<string, number>();

  /** `$n::type` for the value. */
  add(value: unknown, type: ParamType): string {
    const key = `${type}:${JSON.stringify(value)}`;
    let index = this.seen.get(key);
    if (index === undefined) {
      this.values.push(value);
      index = this.values.length;
      this.seen.set(key, index);
    }
    return `$${index}::${type}`;
  }
}
