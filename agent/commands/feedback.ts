import type { Command } from 'commander';

import { EXIT, readStdin, runClientCommand, withProgress } from './context.js';
import { isTicketId, reportDelivery } from './delivery-outcome.js';

/**
 * `deskside-agent confirm TICKET`: the fix worked, close the resolved ticket.
 * `deskside-agent confirm TICKET --still-broken TEXT`: it did not; reopen it with these words.
 */
export function registerConfirmCommand(program: Command): void {
  program
    .command('confirm')
    .description('Answer "Did this fix it?" on a resolved ticket: closes it, or reopens it with --still-broken (exit 0: delivered, 75: queued, 1: refused, kept)')
    .argument('<ticket-id>', 'the ticket id ("tickets --json" lists them)')
    .option('--still-broken <text>', 'it is not fixed: what still happens (use "-" to read from standard input)')
    .action(async (ticketId: string, options: { stillBroken?: string }, command: Command) => {
      await runClientCommand(command, async (agent) => {
        if (!isTicketId(ticketId)) return EXIT.usage;
        if (options.stillBroken === undefined) {
          return reportDelivery(agent, await withProgress('Confirming…', agent.sendFeedback(ticketId, { kind: 'confirm' })), 'confirmation');
        }
        const body = options.stillBroken === '-' ? await readStdin() : options.stillBroken;
        if (body.trim() === '') {
          process.stderr.write('deskside-agent: say what still does not work\n');
          return EXIT.usage;
        }
        return reportDelivery(agent, await withProgress('Reopening…', agent.sendFeedback(ticketId, { kind: 'still-broken', body })), 'answer');
      });
    });
}

/** `deskside-agent rate TICKET --stars N [--comment TEXT]`: rate a closed ticket from 1 to 5. */
export function registerRateCommand(program: Command): void {
  program
    .command('rate')
    .description('Rate how a closed ticket was handled, 1 (poor) to 5 (excellent) (exit 0: delivered, 75: queued, 1: refused, kept)')
    .argument('<ticket-id>', 'the ticket id ("tickets --json" lists them)')
    .requiredOption('--stars <n>', 'a whole number from 1 to 5')
    .option('--comment <text>', 'an optional comment for the service desk')
    .action(async (ticketId: string, options: { stars: string; comment?: string }, command: Command) => {
      await runClientCommand(command, async (agent) => {
        if (!isTicketId(ticketId)) return EXIT.usage;
        const rating = Number(options.stars);
        if (!/^[1-5]$/.test(options.stars.trim()) || !Number.isInteger(rating)) {
          process.stderr.write('deskside-agent: --stars takes a whole number from 1 to 5\n');
          return EXIT.usage;
        }
        return reportDelivery(agent, await withProgress('Sending the rating…', agent.sendFeedback(ticketId, { kind: 'rating', rating, body: options.comment ?? null })), 'rating');
      });
    });
}
