import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export type Env = Record<string, string | undefined>;

/** The CLI's only contact with the process, so it can also run inside a test. */
export type CliIo = {
  env: Env;
  stdout(text: string): void;
  stderr(text: string): void;
};

/** Every command computes both forms; `--json` picks which one reaches stdout. */
export type CommandOutput = { json: unknown; text: string };

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export type CommandSpec<S extends z.ZodType> = {
  /** The words that select the command, e.g. `['key', 'create']`. */
  path: readonly string[];
  /** One line for the command list of `agentloop help`. */
  summary: string;
  /** What follows `agentloop <path>` in the usage line, e.g. `--name <name>`. */
  synopsis: string;
  /** Further lines of `--help`: what each option means, caveats. */
  details?: readonly string[];
  /** Opens the database: its help then carries the warning about the embedded one. */
  usesDatabase: boolean;
  options?: OptionsConfig;
  /** Names of positional arguments, in order; they become keys of the validated input. */
  positionals?: readonly string[];
  /** Validates parsed options (keyed by their long name) and positionals together. */
  schema: S;
  run(input: z.output<S>, env: Env): Promise<CommandOutput>;
};

/** A command with its input type erased, so commands of all shapes fit in one list. */
export type Command = {
  path: readonly string[];
  summary: string;
  synopsis: string;
  details: readonly string[];
  usesDatabase: boolean;
  execute(argv: string[], io: CliIo): Promise<void>;
};
