import type { Command } from 'commander';

import { EXIT, readStdin, runClientCommand, withProgress } from './context.js';
import { isTicketId, reportDelivery } from './delivery-outcome.js';

/** `deskside-agent reply TICKET --message TEXT`: answer a technician on one of this device's tickets. */
export function registerReplyCommand(program: Command): void {
  program
    .command('reply')
    .description('Reply on one of this device\'s tickets (exit 0: delivered, 75: saved and queued, 1: refused, kept)')
    .argument('<ticket-id>', 'the ticket id ("tickets --json" lists them)')
    .requiredOption('--message <text>', 'the reply (use "-" to read from standard input)')
    .action(async (ticketId: string, options: { message: string }, command: Command) => {
      await runClientCommand(command, async (agent) => {
        if (!isTicketId(ticketId)) return EXIT.usage;
        const message = options.message === '-' ? await readStdin() : options.message;
        if (message.trim() === '') {
          process.stderr.write('deskside-agent: the reply is empty\n');
          return EXIT.usage;
        }
        // Refused for good (a ticket a technician closed, say): said so rather than "sent automatically".
        return reportDelivery(agent, await withProgress('Sending the reply…', agent.addComment(ticketId, message)), 'reply', '; file a new ticket with it if needed');
      });
    });
}
