import { readFile } from 'node:fs/promises';

import type { Command } from 'commander';

import { EXIT, printJson, runCommand, withProgress } from './context.js';

interface EnrollOptions {
  readonly server?: string;
  readonly enrollSecret?: string;
  readonly enrollSecretFile?: string;
  readonly json?: boolean;
}

/** `deskside-agent enroll`: exchange the organisation's secret for this device's credential. */
export function registerEnrollCommand(program: Command): void {
  program
    .command('enroll')
    .description('Enroll this device with the Deskside server')
    .option('--server <url>', 'server URL, e.g. https://deskside.example.com (default: configuration)')
    .option('--enroll-secret <secret>', 'organisation enrollment secret (prefer --enroll-secret-file or DESKSIDE_ENROLL_SECRET: arguments are visible to other users)')
    .option('--enroll-secret-file <file>', 'read the enrollment secret from this file')
    .option('--json', 'print the result as JSON')
    .action(async (options: EnrollOptions, command: Command) => {
      await runCommand(command, async (agent) => {
        let secret = options.enrollSecret ?? process.env.DESKSIDE_ENROLL_SECRET;
        if (options.enrollSecretFile) secret = (await readFile(options.enrollSecretFile, 'utf8')).trim();
        const state = await withProgress(
          'Contacting the server…',
          agent.enroll({ ...(options.server ? { serverUrl: options.server } : {}), ...(secret ? { enrollSecret: secret } : {}) }),
        );
        if (options.json) printJson(state);
        else if (state.state === 'enrolled') process.stdout.write(`Enrolled with ${state.serverUrl} as device ${state.deviceId}\n`);
        return state.state === 'enrolled' ? EXIT.ok : EXIT.notEnrolled;
      });
    });
}
