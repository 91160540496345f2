#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { Command } from 'commander';

import { registerDiagnoseCommand } from './commands/diagnose.js';
import { registerEnrollCommand } from './commands/enroll.js';
import { registerInventoryCommand } from './commands/inventory.js';
import { registerRunCommand } from './commands/run.js';
import { registerStatusCommand } from './commands/status.js';
import { registerSyncCommand } from './commands/sync.js';
import { registerTicketCommand } from './commands/ticket.js';
import { registerTicketsCommand } from './commands/tickets.js';
import { AGENT_VERSION } from './version.js';

/** The headless agent's command line. Each feature adds its own subcommand. */
export function buildProgram(): Command {
  const program = new Command('deskside-agent')
    .description('Deskside agent: inventory, diagnostics and tickets for this workstation')
    .version(AGENT_VERSION)
    .option('--data-dir <dir>', "state and outbox folder (default: the OS's per-user data folder, or DESKSIDE_DATA_DIR)")
    .option('--config <file>', "the user's settings file (default: <data-dir>/settings.json)")
    .option('--verbose', 'log debug details to standard error')
    .showHelpAfterError();
  registerEnrollCommand(program);
  registerSyncCommand(program);
  registerRunCommand(program);
  registerTicketCommand(program);
  registerTicketsCommand(program);
  registerStatusCommand(program);
  registerDiagnoseCommand(program);
  registerInventoryCommand(program);
  return program;
}

/** True when this file is the process's entry point (also through npm's bin symlink). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await buildProgram().parseAsync(process.argv);
