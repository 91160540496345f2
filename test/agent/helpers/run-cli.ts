import { spawnTs } from './run-ts.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A loaded machine (two cores, other work beside the tests) can take many seconds just to start the
 * TypeScript loader; past this, the child is killed and the result says so instead of hanging the run.
 */
export const CLI_TIMEOUT_MS = 90_000;

/** Run `deskside-agent` from source in a child process. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, stdin?: string, timeoutMs = CLI_TIMEOUT_MS): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawnTs('agent/cli.ts', args, env);
    let stdout = '';
    let stderr = '';
    const limit = setTimeout(() => {
      stderr += `\n[test] deskside-agent ${args.join(' ')} still running after ${timeoutMs} ms; killed\n`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}
