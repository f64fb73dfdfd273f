import type { z } from 'zod';
import type { Command, CommandSpec } from './command.js';
import { commandHelp } from './help.js';
import { parseCommandArgs } from './parse-command-args.js';

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Binds a command's argument parsing, validation, help and output format to its `run`. */
export const defineCommand = <S extends z.ZodType>(spec: CommandSpec<S>): Command => {
  const command: Command = {
    path: spec.path,
    summary: spec.summary,
    synopsis: spec.synopsis,
    details: spec.details ?? [],
    usesDatabase: spec.usesDatabase,
    execute: async (argv, io) => {
      const parsed = parseCommandArgs(argv, spec);
      if (parsed.help) {
        io.stdout(commandHelp(command));
        return 0;
      }
      const output = await spec.run(parsed.input, io.env, { io, json: parsed.json });
      if (!output.silent) io.stdout(parsed.json ? `${JSON.stringify(output.json, null, 2)}\n` : withNewline(output.text));
      return output.exitCode ?? 0;
    },
  };
  return command;
};
