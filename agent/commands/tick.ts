import type { Command } from 'commander';

import { EXIT, runCommand } from './context.js';

/** `deskside-agent tick`: one round of the schedule, started by `run` (hidden: not for people). */
export function registerTickCommand(program: Command): void {
  program
    .command('tick', { hidden: true })
    .description('Run one scheduled round (used by "run")')
    .option('--reason <reason>', 'why the round runs', 'schedule')
    .action(async (options: { reason: string }, command: Command) => {
      await runCommand(command, async (agent) => {
        const forced = options.reason !== 'schedule';
        // Started by the service: what happens in this round reaches the users' trays through it.
        const { forwardRoundEvents } = await import('../endpoint/worker-main.js');
        const stopForwarding = await forwardRoundEvents(agent);
        try {
          await agent.runDue(options.reason, forced);
        } finally {
          stopForwarding();
          process.disconnect?.();
        }
        return EXIT.ok;
      });
    });
}
