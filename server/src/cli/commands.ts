import type { Command } from './command.js';
import { configPrintCommand } from './commands/config-commands.js';
import { datasetExportCommand, datasetImportCommand } from './commands/dataset-commands.js';
import { initCommand } from './commands/init-command.js';
import { keyCreateCommand, keyListCommand, keyRevokeCommand } from './commands/key-commands.js';
import { migrateCommand, migrateStatusCommand } from './commands/migrate-commands.js';
import { projectCreateCommand, projectListCommand } from './commands/project-commands.js';
import { searchReindexCommand } from './commands/search-commands.js';
import { workerCommand } from './commands/worker-command.js';

/** Every command, in the order `agentloop help` lists them. */
export const COMMANDS: readonly Command[] = [
  initCommand,
  migrateCommand,
  migrateStatusCommand,
  projectCreateCommand,
  projectListCommand,
  keyCreateCommand,
  keyListCommand,
  keyRevokeCommand,
  configPrintCommand,
  workerCommand,
  searchReindexCommand,
  datasetImportCommand,
  datasetExportCommand,
];
