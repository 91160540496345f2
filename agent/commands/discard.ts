import type { Command } from 'commander';

import { EXIT, runCommand } from './context.js';

/** `deskside-agent discard ID`: remove one queued item (one the server refused for good, say). */
export function registerDiscardCommand(program: Command): void {
  program
    .command('discard')
    .description('Remove one item from the upload queue (see "status" for ids); it is not sent')
    .argument('<id>', 'the queued item id')
    .action(async (id: string, _options: unknown, command: Command) => {
      await runCommand(command, async (agent) => {
        const item = (await agent.status()).outbox.find((i) => i.id === id);
        if (!item) {
          process.stderr.write(`deskside-agent: no queued item ${id}\n`);
          return EXIT.usage;
        }
        await agent.discard(id);
        process.stdout.write(`Removed ${item.label}\n`);
        return EXIT.ok;
      });
    });
}
