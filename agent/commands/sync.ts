import type { Command } from 'commander';

import { EXIT, printJson, progressPrinter, runCommand } from './context.js';

interface SyncCommandOptions {
  readonly full?: boolean;
  readonly inventory?: boolean;
  readonly retryFailed?: boolean;
  readonly json?: boolean;
}

/** `deskside-agent sync`: check in, collect and queue the inventory, deliver the outbox once. */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('Check in, upload the inventory and deliver queued items once (exit 0: all delivered, 75: items remain queued)')
    .option('--full', 'send every inventory section, not only those that changed')
    .option('--no-inventory', 'do not collect an inventory; only check in and deliver the queue')
    .option('--retry-failed', 'also retry items the server refused before')
    .option('--json', 'print the result as JSON')
    .action(async (options: SyncCommandOptions, command: Command) => {
      await runCommand(command, async (agent) => {
        const onProgress = progressPrinter();
        if (options.retryFailed) await agent.retryFailed();
        const result = await agent.syncNow({ fullInventory: options.full ?? false, skipInventory: options.inventory === false, onProgress });
        if (options.json) printJson(result);
        else {
          if (result.inventory) process.stdout.write(`Inventory: ${result.inventory.kind}, ${result.inventory.sections.length} section(s) changed\n`);
          process.stdout.write(`Delivered: ${result.delivered.length}; still queued: ${result.remaining.length}\n`);
          for (const item of result.remaining) {
            process.stdout.write(`  ${item.label}: ${item.failed ? `refused (${item.failed.message})` : (item.lastError ?? 'waiting')}\n`);
          }
        }
        for (const error of result.errors) process.stderr.write(`deskside-agent: ${error}\n`);
        if (!result.enrolled) return EXIT.notEnrolled;
        if (result.remaining.length > 0) return EXIT.queued;
        return result.errors.length > 0 ? EXIT.failure : EXIT.ok;
      });
    });
}
