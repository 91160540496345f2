import { resolve } from 'node:path';

import type { Command } from 'commander';

import type { AgentInstance } from '../agent.js';
import type { AgentClient } from '../endpoint/service-agent.js';
import { createLogger } from '../support/logger.js';
import { defaultDataDir } from '../support/platform.js';

/** Exit codes: sysexits(3) where one fits, so scripts and MDM tools can branch on them. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 64,
  unavailable: 69,
  /** EX_TEMPFAIL: saved but not delivered yet (the outbox will retry). */
  queued: 75,
  /** EX_NOPERM: the service refused (another user's ticket, a machine setting). */
  noPermission: 77,
  notEnrolled: 77,
  config: 78,
} as const;

export interface GlobalOptions {
  readonly dataDir?: string;
  readonly config?: string;
  readonly verbose?: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** The agent for one CLI invocation, logging warnings (or everything with --verbose) to stderr. */
export async function openAgent(command: Command): Promise<AgentInstance> {
  const opts = globalOptions(command);
  const { createAgent } = await import('../agent.js');
  return createAgent({
    dataDir: resolve(opts.dataDir ?? process.env.DESKSIDE_DATA_DIR ?? defaultDataDir()),
    ...(opts.config ? { configFile: resolve(opts.config) } : {}),
    logger: createLogger((line) => process.stderr.write(line), opts.verbose ? 'debug' : 'warn'),
  });
}

/** Say what we are waiting for on stderr, but only when the wait lasts over a second. */
export async function withProgress<T>(message: string, work: Promise<T>): Promise<T> {
  const timer = setTimeout(() => process.stderr.write(`${message}\n`), 1000);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}

export function progressPrinter(): (message: string) => void {
  let last = 0;
  const started = Date.now();
  return (message) => {
    // Quick runs stay quiet; once a second has passed every step is shown.
    const now = Date.now();
    if (now - started >= 1000 || last !== 0) {
      process.stderr.write(`${message}\n`);
      last = now;
    }
  };
}

/** Everything on standard input, as UTF-8 (a description or a reply given as "-"). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The machine's agent service when it answers and this run names no data folder of its own
 * (`--data-dir` or DESKSIDE_DATA_DIR), so a user's commands act on the one device identity; else the
 * core in this process, as before.
 */
export async function openClient(command: Command): Promise<AgentClient> {
  const opts = globalOptions(command);
  if (opts.dataDir === undefined && !process.env.DESKSIDE_DATA_DIR) {
    const { connectToService } = await import('../endpoint/service-agent.js');
    const { defaultEndpointPath } = await import('../endpoint/endpoint-location.js');
    const { currentPlatform } = await import('../support/platform.js');
    const platform = currentPlatform();
    const service = await connectToService(defaultEndpointPath(platform), platform);
    if (service) return service;
  }
  return openAgent(command);
}

/** Like runCommand, through the service when one answers (see openClient). */
export function runClientCommand(command: Command, body: (agent: AgentClient) => Promise<number>): Promise<void> {
  return runWith(() => openClient(command), body);
}

/** Run a command's body: closes the agent, maps known errors to a message and an exit code. */
export function runCommand(command: Command, body: (agent: AgentInstance) => Promise<number>): Promise<void> {
  return runWith(() => openAgent(command), body);
}

async function runWith<A extends { stop(): Promise<void> }>(open: () => Promise<A>, body: (agent: A) => Promise<number>): Promise<void> {
  let agent: A | null = null;
  let code: number;
  try {
    agent = await open();
    code = await body(agent);
  } catch (e) {
    code = reportError(e);
  } finally {
    await agent?.stop().catch(() => undefined);
  }
  process.exitCode = code;
}

export function reportError(e: unknown): number {
  const err = e as Error & { failure?: string };
  const name = err?.name ?? 'Error';
  process.stderr.write(`deskside-agent: ${err?.message ?? String(e)}\n`);
  switch (name) {
    case 'NotEnrolledError':
      return EXIT.notEnrolled;
    case 'TransportError':
    case 'ServiceUnavailableError':
      return EXIT.unavailable;
    case 'InvalidFileError':
    case 'PolicyReadError':
      return EXIT.config;
    case 'TicketValidationError':
    case 'AttachmentRejectedError':
      return EXIT.usage;
    case 'ForbiddenError':
      return EXIT.noPermission;
    default:
      return EXIT.failure;
  }
}
