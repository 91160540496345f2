import type { Command } from 'commander';

import { EXIT, runCommand } from './context.js';

/** `deskside-agent worker`: the core kept loaded for the machine's users, started by `run` (hidden). */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker', { hidden: true })
    .description('Serve the local endpoint\'s calls and rounds (used by "run")')
    .action(async (_options: unknown, command: Command) => {
      if (!process.send) {
        process.stderr.write('deskside-agent: "worker" is started by "deskside-agent run"\n');
        process.exitCode = EXIT.usage;
        return;
      }
      await runCommand(command, async (agent) => {
        const { serveWorker } = await import('../endpoint/worker-main.js');
        await serveWorker(agent);
        return EXIT.ok;
      });
      process.disconnect?.();
    });
}
