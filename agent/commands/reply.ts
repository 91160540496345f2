import type { Command } from 'commander';

import { EXIT, readStdin, runClientCommand, withProgress } from './context.js';

/** `deskside-agent reply TICKET --message TEXT`: answer a technician on one of this device's tickets. */
export function registerReplyCommand(program: Command): void {
  program
    .command('reply')
    .description('Reply on one of this device\'s tickets (exit 0: delivered, 75: saved and queued, 1: refused, kept)')
    .argument('<ticket-id>', 'the ticket id ("tickets --json" lists them)')
    .requiredOption('--message <text>', 'the reply (use "-" to read from standard input)')
    .action(async (ticketId: string, options: { message: string }, command: Command) => {
      await runClientCommand(command, async (agent) => {
        if (!/^[0-9a-f-]{36}$/i.test(ticketId)) {
          process.stderr.write(`deskside-agent: "${ticketId.slice(0, 64)}" is not a ticket id\n`);
          return EXIT.usage;
        }
        const message = options.message === '-' ? await readStdin() : options.message;
        if (message.trim() === '') {
          process.stderr.write('deskside-agent: the reply is empty\n');
          return EXIT.usage;
        }
        const result = await withProgress('Sending the reply…', agent.addComment(ticketId, message));
        process.stdout.write(`${result.id}\n`);
        if (result.delivered) return EXIT.ok;
        // Refused for good (a ticket a technician closed, say): say so rather than "sent automatically".
        const refused = (await agent.status()).outbox.find((i) => i.id === result.id)?.failed ?? null;
        if (refused !== null) {
          process.stderr.write(`Not sent: ${refused.message}. The reply is kept in the queue ("deskside-agent status"); file a new ticket with it if needed.\n`);
          return EXIT.failure;
        }
        process.stderr.write(`Saved; not delivered yet (${result.error ?? 'will retry'}). It is sent automatically.\n`);
        return EXIT.queued;
      });
    });
}
