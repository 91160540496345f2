import type { Command } from 'commander';

import { EXIT, printJson, runClientCommand, withProgress } from './context.js';
import { diagnoseLines, systemLanguage } from './diagnose-lines.js';
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
        else process.stdout.write(`${diagnoseLines(d, systemLanguage()).join('\n')}\n`);
        return EXIT.ok;
      });
    });
}
