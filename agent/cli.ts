#!/usr/bin/env node
import { Command } from 'commander';

import { AGENT_VERSION } from './version.js';

/** The headless agent's command line. Each feature adds its own subcommand. */
export function buildProgram(): Command {
  return new Command('deskside-agent')
    .description('Deskside agent: inventory, diagnostics and tickets for this workstation')
    .version(AGENT_VERSION)
    .showHelpAfterError();
}

await buildProgram().parseAsync(process.argv);
