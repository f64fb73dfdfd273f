import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export type Env = Record<string, string | undefined>;

/** The CLI's only contact with the process, so it can also run inside a test. */
export type CliIo = {
  env: Env;
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal: commands may draw a live progress line there. */
  stderrIsTTY?: boolean;
  /** Writes a chunk of a large output (an export) and waits until the pipe can take more. */
  writeStdout?(chunk: string): Promise<void>;
};

/** Every command computes both forms; `--json` picks which one reaches stdout. */
export type CommandOutput = {
  json: unknown;
  text: string;
  /** The command wrote its output itself (an export to stdout): print nothing more. */
  silent?: boolean;
  /** 1: the command ran and reported, but what it did failed (an import that FAILED). */
  exitCode?: 0 | 1;
};

/** What a command may use of the process beyond its input: the streams, and the output format asked for. */
export type CommandContext = { io: CliIo; json: boolean };

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
  run(input: z.output<S>, env: Env, context: CommandContext): Promise<CommandOutput>;
};

/** A command with its input type erased, so commands of all shapes fit in one list. */
export type Command = {
  path: readonly string[];
  summary: string;
  synopsis: string;
  details: readonly string[];
  usesDatabase: boolean;
  /** Resolves to the exit status. */
  execute(argv: string[], io: CliIo): Promise<number>;
};
