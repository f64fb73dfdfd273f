import type { CliIo, Command } from './command.js';
import { COMMANDS } from './commands.js';
import { describeError } from './describe-error.js';
import { commandHelp, generalHelp, groupHelp, usageLine } from './help.js';
import { UsageError } from './usage-error.js';

const startsWith = (words: readonly string[], path: readonly string[]) => path.every((word, index) => words[index] === word);

/** The command named by the leading words; the longest match wins (`migrate status` over `migrate`). */
const findCommand = (words: readonly string[], commands: readonly Command[]) =>
  [...commands].sort((a, b) => b.path.length - a.path.length).find((command) => startsWith(words, command.path));

const helpText = (topic: readonly string[], commands: readonly Command[], json: boolean): string => {
  if (json) {
    const listed = commands.filter((command) => startsWith(command.path, topic));
    return `${JSON.stringify(
      listed.map((c) => ({ command: c.path.join(' '), usage: usageLine(c), summary: c.summary })),
      null,
      2,
    )}\n`;
  }
  if (topic.length === 0) return generalHelp(commands);
  const exact = commands.find((command) => command.path.join(' ') === topic.join(' '));
  if (exact) return commandHelp(exact);
  const group = commands.filter((command) => startsWith(command.path, topic));
  if (group.length > 0) return groupHelp(topic.join(' '), group);
  throw new UsageError(`no help for "${topic.join(' ')}": there is no such command`);
};

const dispatch = async (argv: readonly string[], io: CliIo, commands: readonly Command[]): Promise<number> => {
  const [first, second] = argv;
  if (first === undefined) throw new UsageError('missing command');
  if (first === 'help' || first === '--help' || first === '-h') {
    const rest = argv.slice(1);
    io.stdout(
      helpText(
        rest.filter((word) => !word.startsWith('-')),
        commands,
        rest.includes('--json'),
      ),
    );
    return 0;
  }
  if (first.startsWith('-')) {
    throw new UsageError(`unknown option "${first}": options follow the command, as in "agentloop project list --json"`);
  }
  const command = findCommand(argv, commands);
  if (command) return command.execute(argv.slice(command.path.length), io);
  const group = commands.filter((c) => c.path.length > 1 && c.path[0] === first);
  if (group.length === 0) throw new UsageError(`unknown command "${first}"`);
  if (second === '--help' || second === '-h') {
    io.stdout(groupHelp(first, group));
    return 0;
  }
  const subcommands = group.map((c) => c.path.slice(1).join(' ')).join(', ');
  throw new UsageError(
    second === undefined || second.startsWith('-')
      ? `"${first}" needs a subcommand: ${subcommands}`
      : `unknown command "${first} ${second}"; "${first}" has: ${subcommands}`,
    [first],
  );
};

/** Runs one command line and returns the exit status; failures become one line on stderr. */
export const runCli = async (argv: readonly string[], io: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> => {
  try {
    return await dispatch(argv, io, commands);
  } catch (error) {
    const { message, exitCode } = describeError(error);
    io.stderr(`agentloop: ${message}\n`);
    // The one line is for operators; whoever debugs the CLI itself wants the stack.
    const debug = io.env.AGENTLOOP_LOG_LEVEL === 'debug' || io.env.AGENTLOOP_LOG_LEVEL === 'trace';
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return exitCode;
  }
};
