import { readFile } from 'node:fs/promises';

import type { DiagnosticItemId, Impact, TicketCategory, Urgency } from '@deskside/shared';
import { DIAGNOSTIC_ITEMS, IMPACTS, TICKET_CATEGORIES, URGENCIES } from '@deskside/shared';
import type { Command } from 'commander';
import { Option } from 'commander';

import { TicketNotSavedError } from '../agent-errors.js';
import { EXIT, printJson, readStdin, runClientCommand, withProgress } from './context.js';

interface TicketOptions {
  readonly subject: string;
  readonly description?: string;
  readonly descriptionFile?: string;
  readonly category?: TicketCategory;
  readonly urgency?: Urgency;
  readonly impact?: Impact;
  readonly attach: string[];
  readonly diagnostics: boolean;
  readonly omit?: string;
  readonly json?: boolean;
}

export function parseOmit(value: string | undefined): DiagnosticItemId[] {
  if (!value) return [];
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !(DIAGNOSTIC_ITEMS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new Error(`unknown diagnostic item(s): ${unknown.join(', ')} (known: ${DIAGNOSTIC_ITEMS.join(', ')})`);
  return ids as DiagnosticItemId[];
}

/** `deskside-agent ticket`: file a ticket (with diagnostics unless --no-diagnostics); prints its id. */
export function registerTicketCommand(program: Command): void {
  program
    .command('ticket')
    .description('Report a problem to IT; prints the ticket id (exit 0: delivered, 75: saved and queued)')
    .requiredOption('--subject <text>', 'short summary')
    .option('--description <text>', 'what happened (use "-" to read from standard input)')
    .option('--description-file <file>', 'read the description from a file')
    .addOption(new Option('--category <category>', 'category').choices(TICKET_CATEGORIES))
    .addOption(new Option('--urgency <urgency>', 'how urgent it is for you').choices(URGENCIES))
    .addOption(new Option('--impact <impact>', 'who is affected').choices(IMPACTS))
    .option('--attach <file>', 'attach a file (repeatable)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--no-diagnostics', 'do not gather and send diagnostics')
    .option('--omit <items>', `leave these diagnostic items out (comma-separated: ${DIAGNOSTIC_ITEMS.join(', ')})`)
    .option('--json', 'print the result as JSON')
    .action(async (options: TicketOptions, command: Command) => {
      await runClientCommand(command, async (agent) => {
        let description = options.description ?? '';
        if (options.descriptionFile) description = await readFile(options.descriptionFile, 'utf8');
        else if (description === '-') description = await readStdin();
        const omit = parseOmit(options.omit);
        try {
          const result = await withProgress(
            options.diagnostics ? 'Gathering diagnostics and sending the ticket…' : 'Sending the ticket…',
            agent.submitTicket({
              subject: options.subject,
              description,
              ...(options.category ? { category: options.category } : {}),
              ...(options.urgency ? { urgency: options.urgency } : {}),
              ...(options.impact ? { impact: options.impact } : {}),
              attachments: options.attach.map((path) => ({ path })),
              ...(options.diagnostics ? { omitDiagnostics: omit } : { diagnostics: false as const }),
              locale: Intl.DateTimeFormat().resolvedOptions().locale ?? null,
            }),
          );
          if (options.json) printJson(result);
          else {
            process.stdout.write(`${result.id}\n`);
            if (!result.delivered) process.stderr.write(`Saved; not delivered yet (${result.error ?? 'will retry'}). It is sent automatically.\n`);
          }
          return result.delivered ? EXIT.ok : EXIT.queued;
        } catch (e) {
          if (e instanceof TicketNotSavedError) {
            // Nothing the user typed may be lost: give it back.
            process.stderr.write(`deskside-agent: ${e.message}\n--- your ticket (not saved) ---\nSubject: ${e.draft.subject}\n\n${e.draft.description}\n---\n`);
            return EXIT.failure;
          }
          throw e;
        }
      });
    });
}
