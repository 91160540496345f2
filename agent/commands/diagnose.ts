import type { Command } from 'commander';

import { EXIT, printJson, runClientCommand, withProgress } from './context.js';
import { parseOmit } from './ticket.js';

/** `deskside-agent diagnose`: the diagnostics a ticket would carry, after redaction. */
export function registerDiagnoseCommand(program: Command): void {
  program
    .command('diagnose')
    .description('Gather the diagnostics a ticket would include (after redaction)')
    .option('--omit <items>', 'leave these items out (comma-separated)')
    .option('--json', 'print as JSON')
    .action(async (options: { omit?: string; json?: boolean }, command: Command) => {
      await runClientCommand(command, async (agent) => {
        const d = await withProgress('Gathering diagnostics…', agent.diagnose({ omit: parseOmit(options.omit) }));
        if (options.json) printJson(d);
        else {
          for (const item of d.items) {
            const line = item.status === 'ok' ? (item.summary ?? '') : `${item.status}: ${item.error ?? ''}`;
            process.stdout.write(`${item.id.padEnd(20)} ${String(item.durationMs).padStart(5)} ms  ${line}${item.truncated ? ` [${item.truncated}]` : ''}\n`);
          }
          if (d.omitted.length > 0) process.stdout.write(`left out: ${d.omitted.join(', ')}\n`);
          process.stdout.write(`${d.redactions} secret-looking value(s) redacted\n`);
        }
        return EXIT.ok;
      });
    });
}
