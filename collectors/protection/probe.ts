import { CommandNotFoundError, type CollectContext, type CommandOptions, type CommandResult } from '../types.js';
import { isPermissionDeniedError, isPermissionDeniedText } from './permission.js';

/**
 * What asking the OS produced, classified so the caller can tell "not installed" from "denied" from
 * "broke" — three findings a technician acts on differently — without try/catch in every collector.
 */
export type Probe<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'missing'; readonly detail: string }
  | { readonly kind: 'denied'; readonly detail: string }
  | { readonly kind: 'failed'; readonly detail: string };

const DEFAULT_TIMEOUT_MS = 20_000;

function classify(error: unknown): Probe<never> {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof CommandNotFoundError) return { kind: 'missing', detail };
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', detail };
  if (isPermissionDeniedError(error)) return { kind: 'denied', detail };
  return { kind: 'failed', detail };
}

/** Runs a command; non-zero exits are returned as values (parsers decide), only errors are classified. */
export async function probeRun(
  ctx: CollectContext,
  file: string,
  args: readonly string[],
  options?: CommandOptions,
): Promise<Probe<CommandResult>> {
  if (ctx.signal.aborted) return { kind: 'failed', detail: 'collection was cancelled' };
  try {
    const result = await ctx.system.run(file, args, { timeoutMs: DEFAULT_TIMEOUT_MS, ...options });
    return { kind: 'ok', value: result };
  } catch (error) {
    return classify(error);
  }
}

/** Runs a command and treats a non-zero exit with "denied" wording as a permission problem. */
export async function probeRunChecked(
  ctx: CollectContext,
  file: string,
  args: readonly string[],
  options?: CommandOptions,
): Promise<Probe<CommandResult>> {
  const probe = await probeRun(ctx, file, args, options);
  if (probe.kind !== 'ok') return probe;
  const { exitCode, stdout, stderr } = probe.value;
  if (exitCode !== 0 && isPermissionDeniedText(`${stderr}\n${stdout}`)) {
    return { kind: 'denied', detail: firstLine(stderr) ?? firstLine(stdout) ?? `${file} was denied` };
  }
  return probe;
}

export async function probePowerShell(ctx: CollectContext, script: string, options?: CommandOptions): Promise<Probe<CommandResult>> {
  if (ctx.signal.aborted) return { kind: 'failed', detail: 'collection was cancelled' };
  try {
    return { kind: 'ok', value: await ctx.system.powershell(script, { timeoutMs: 45_000, ...options }) };
  } catch (error) {
    return classify(error);
  }
}

export async function probeReadFile(ctx: CollectContext, path: string): Promise<Probe<string>> {
  try {
    return { kind: 'ok', value: await ctx.system.readFile(path) };
  } catch (error) {
    return classify(error);
  }
}

export async function probeReadBinary(ctx: CollectContext, path: string): Promise<Probe<Buffer>> {
  try {
    return { kind: 'ok', value: await ctx.system.readBinaryFile(path) };
  } catch (error) {
    return classify(error);
  }
}

export async function probeList(ctx: CollectContext, path: string): Promise<Probe<string[]>> {
  try {
    return { kind: 'ok', value: await ctx.system.listDirectory(path) };
  } catch (error) {
    return classify(error);
  }
}

export async function exists(ctx: CollectContext, path: string): Promise<boolean> {
  try {
    return await ctx.system.fileExists(path);
  } catch {
    return false;
  }
}

export function firstLine(text: string): string | null {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '');
  return line === undefined ? null : line.trim();
}

/** stdout of a command that ran, or '' when it did not (the parsers then report what is missing). */
export function stdoutOf(probe: Probe<{ readonly stdout: string }>): string {
  return probe.kind === 'ok' ? probe.value.stdout : '';
}
