import type { Command } from 'commander';

import { EXIT, printJson, runClientCommand, withProgress } from './context.js';

/** `deskside-agent tickets`: this device's tickets with status and the latest reply. */
export function registerTicketsCommand(program: Command): void {
  program
    .command('tickets')
    .description("List this device's tickets (refreshed from the server; cached when offline)")
    .option('--json', 'print as JSON')
    .option('--offline', 'show the cached list without contacting the server')
    .action(async (options: { json?: boolean; offline?: boolean }, command: Command) => {
      await runClientCommand(command, async (agent) => {
        let stale: string | null = null;
        let tickets;
        try {
          tickets = await withProgress('Fetching tickets…', agent.listTickets({ refresh: !options.offline }));
        } catch (e) {
          stale = (e as Error).message;
          tickets = await agent.listTickets();
        }
        if (stale) process.stderr.write(`deskside-agent: showing the cached list: ${stale}\n`);
        if (options.json) printJson({ tickets, cached: stale !== null || options.offline === true });
        else if (tickets.length === 0) process.stdout.write('No tickets\n');
        else {
          for (const t of tickets) {
            const last = t.messages[t.messages.length - 1];
            process.stdout.write(`#${t.number}  ${t.status.padEnd(15)} ${t.priority.padEnd(8)} ${t.subject}\n`);
            if (last) process.stdout.write(`      last reply (${last.author}, ${last.createdAt}): ${last.body.slice(0, 100).replace(/\s+/g, ' ')}\n`);
          }
        }
        return stale && tickets.length === 0 ? EXIT.unavailable : EXIT.ok;
      });
    });
}
