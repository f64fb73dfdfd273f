/**
 * The command line itself was wrong (unknown command, missing or malformed option). The CLI
 * exits with status 2 for these, so scripts can tell "you called me wrong" from "it failed".
 */
export class UsageError extends Error {
  /** The command whose --help explains the right usage, e.g. `key create`; empty for the top level. */
  readonly command: readonly string[];

  constructor(message: string, command: readonly string[] = []) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}
