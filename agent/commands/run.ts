import type { Command } from 'commander';

import { EXIT, openAgent, reportError } from './context.js';

/** `deskside-agent run`: the daemon. Stops cleanly on SIGINT/SIGTERM (service managers send SIGTERM). */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run the agent: scheduled inventory, check-ins and deliveries until stopped')
    .action(async (_options: unknown, command: Command) => {
      let agent;
      try {
        agent = await openAgent(command);
        await agent.start();
      } catch (e) {
        process.exitCode = reportError(e);
        await agent?.stop().catch(() => undefined);
        return;
      }
      const running = agent;
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.stop().finally(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.exitCode = EXIT.ok;
    });
}
