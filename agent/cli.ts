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

type Register = (program: Command) => void;

/**
 * Each subcommand's module, loaded on demand (dynamic import) so that a run carries only the command it
 * executes: `run`, a long-lived daemon, never holds the others' dependencies, and `inventory` starts
 * without the enrollment or ticket stack. Keep new commands in this table, not in static imports.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  enroll: () => import('./commands/enroll.js').then((m) => m.registerEnrollCommand),
  sync: () => import('./commands/sync.js').then((m) => m.registerSyncCommand),
  run: () => Promise.resolve(registerRunCommand),
  ticket: () => import('./commands/ticket.js').then((m) => m.registerTicketCommand),
  tickets: () => import('./commands/tickets.js').then((m) => m.registerTicketsCommand),
  reply: () => import('./commands/reply.js').then((m) => m.registerReplyCommand),
  confirm: () => import('./commands/feedback.js').then((m) => m.registerConfirmCommand),
  rate: () => import('./commands/feedback.js').then((m) => m.registerRateCommand),
  articles: () => import('./commands/articles.js').then((m) => m.registerArticlesCommand),
  status: () => import('./commands/status.js').then((m) => m.registerStatusCommand),
  diagnose: () => import('./commands/diagnose.js').then((m) => m.registerDiagnoseCommand),
  inventory: () => import('./commands/inventory.js').then((m) => m.registerInventoryCommand),
  discard: () => import('./commands/discard.js').then((m) => m.registerDiscardCommand),
  tick: () => import('./commands/tick.js').then((m) => m.registerTickCommand),
  worker: () => import('./commands/worker.js').then((m) => m.registerWorkerCommand),
};

/** The headless agent's command line with every subcommand (help lists them all). */
export async function buildProgram(): Promise<Command> {
  const program = baseProgram();
  const registers = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  for (const register of registers) register(program);
  return program;
}

/**
 * Only the subcommand these arguments name, when they name one; help, version and unknown words get
 * the whole program so that commander's listing and suggestions stay complete.
 */
export async function buildProgramFor(args: readonly string[]): Promise<Command> {
  const word = commandWord(args);
  // The version needs no subcommand at all.
  if (word === '--version' || word === '-V') return baseProgram();
  const load = word !== null && Object.hasOwn(COMMANDS, word) ? COMMANDS[word] : undefined;
  if (load === undefined || args.includes('--help') || args.includes('-h')) return buildProgram();
  const program = baseProgram();
  (await load())(program);
  return program;
}

/** `run` alone: the same global options and help, nothing else loaded. */
export function buildDaemonProgram(): Command {
  const program = baseProgram();
  registerRunCommand(program);
  return program;
}

/** The first command word after global options, or null when there is none. */
export function commandWord(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--data-dir' || arg === '--config') i += 1;
    else if (arg.startsWith('--data-dir=') || arg.startsWith('--config=') || arg === '--verbose') continue;
    else return arg;
  }
  return null;
}

/** True when the first command word (after global options) is `run`. */
export function isDaemonInvocation(args: readonly string[]): boolean {
  return commandWord(args) === 'run';
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
  const program = isDaemonInvocation(process.argv.slice(2)) ? buildDaemonProgram() : await buildProgramFor(process.argv.slice(2));
  await program.parseAsync(process.argv);
}
