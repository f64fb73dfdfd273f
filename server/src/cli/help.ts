import type { Command } from './command.js';

/** Said wherever the database comes up: PGlite has no lock of its own, so two processes corrupt it. */
export const EMBEDDED_DATABASE_NOTE = [
  'Database: with DATABASE_URL set the CLI uses that PostgreSQL database; without it, the embedded',
  'PGlite database in $AGENTLOOP_DATA_DIR/pgdata (default ./.agentloop/pgdata).',
  'The embedded database can be open in only one process at a time: STOP THE SERVER while the CLI',
  'runs against it, or both may damage the data. With PostgreSQL the server can keep running.',
];

const COMMON_LINES = [
  'Every command accepts --json (machine-readable JSON on stdout, for scripts) and --help.',
  'Project and key IDs are the UUIDs the CLI prints; GraphQL global IDs are accepted too.',
  'Exit status: 0 success, 1 failure, 2 usage error or invalid input (the message goes to stderr;',
  'with AGENTLOOP_LOG_LEVEL=debug the stack follows it).',
];

export const usageLine = (command: Command) => ['agentloop', ...command.path, command.synopsis].filter(Boolean).join(' ');

// Usage on one line, summary indented below it: synopses are too long for two columns.
const commandList = (commands: readonly Command[]) =>
  commands.flatMap((command) => [`  ${usageLine(command)}`, `      ${command.summary}`]);

export const commandHelp = (command: Command): string =>
  [
    `Usage: ${usageLine(command)} [--json]`,
    '',
    command.summary,
    ...(command.details.length > 0 ? ['', ...command.details] : []),
    ...(command.usesDatabase ? ['', ...EMBEDDED_DATABASE_NOTE] : []),
    '',
    ...COMMON_LINES,
    '',
  ].join('\n');

export const groupHelp = (group: string, commands: readonly Command[]): string =>
  [`Usage: agentloop ${group} <command> [options]`, '', 'Commands:', ...commandList(commands), '', ...COMMON_LINES, ''].join(
    '\n',
  );

export const generalHelp = (commands: readonly Command[]): string =>
  [
    'agentloop: operate an AgentLoop installation from the command line.',
    '',
    'Usage: agentloop <command> [options]',
    '',
    'Commands:',
    ...commandList(commands),
    '  agentloop help [command]',
    '      Show this help, or the help of one command (also: agentloop <command> --help)',
    '',
    ...EMBEDDED_DATABASE_NOTE,
    '',
    ...COMMON_LINES,
    '',
  ].join('\n');
