#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { Command } from 'commander';

import { registerRunCommand } from './commands/run.js';
import { AGENT_VERSION } from './version.js';

function baseProgram(): Command {
  return new Command('deskside-agent')
    .description('Deskside agent: inventory, diagnostics and tickets for this workstation')
    .version(AGENT_VERSION)
    .option('--data-dir <dir>', "state and outbox folder (default: the OS's per-user data folder, or DESKSIDE_DATA_DIR)")
    .option('--config <file>', "the user's settings file (default: <data-dir>/settings.json)")
    .option('--verbose', 'log debug details to standard error')
    .showHelpAfterError();
}

/**
 * The headless agent's command line. Each feature adds its own subcommand here. Commands are loaded
 * on demand (dynamic import) so that `run`, a long-lived daemon, never carries their dependencies:
 * keep new commands in this list, not in static imports at the top of the file.
 */
export async function buildProgram(): Promise<Command> {
  const program = baseProgram();
  const [enroll, sync, ticket, tickets, status, diagnose, inventory, tick, discard] = await Promise.all([
    import('./commands/enroll.js'),
    import('./commands/sync.js'),
    import('./commands/ticket.js'),
    import('./commands/tickets.js'),
    import('./commands/status.js'),
    import('./commands/diagnose.js'),
    import('./commands/inventory.js'),
    import('./commands/tick.js'),
    import('./commands/discard.js'),
  ]);
  enroll.registerEnrollCommand(program);
  sync.registerSyncCommand(program);
  registerRunCommand(program);
  ticket.registerTicketCommand(program);
  tickets.registerTicketsCommand(program);
  status.registerStatusCommand(program);
  diagnose.registerDiagnoseCommand(program);
  inventory.registerInventoryCommand(program);
  discard.registerDiscardCommand(program);
  tick.registerTickCommand(program);
  return program;
}

/** `run` alone: the same global options and help, nothing else loaded. */
export function buildDaemonProgram(): Command {
  const program = baseProgram();
  registerRunCommand(program);
  return program;
}

/** True when the first command word (after global options) is `run`. */
export function isDaemonInvocation(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--data-dir' || arg === '--config') i += 1;
    else if (arg.startsWith('--data-dir=') || arg.startsWith('--config=') || arg === '--verbose') continue;
    else return arg === 'run';
  }
  return false;
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

if (isEntryPoint()) {
  const program = isDaemonInvocation(process.argv.slice(2)) ? buildDaemonProgram() : await buildProgram();
  await program.parseAsync(process.argv);
}
