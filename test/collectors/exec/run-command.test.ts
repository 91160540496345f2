import { describe, expect, it } from 'vitest';

import { decodeByBom, decodeOutput } from '../../../collectors/exec/decode.js';
import { powershellArgs, scriptFromArgs } from '../../../collectors/exec/powershell.js';
import { runCommand } from '../../../collectors/exec/run-command.js';
import { createSystemAccess, withSignal } from '../../../collectors/exec/system-access.js';
import { CommandAbortedError, CommandNotFoundError, CommandOutputTooLargeError, CommandTimeoutError } from '../../../collectors/types.js';

const node = process.execPath;

describe('runCommand (real child processes)', () => {
  it('returns stdout, stderr and the exit code without throwing on non-zero exit', async () => {
    const result = await runCommand(node, ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)']);
    expect(result).toEqual({ stdout: 'out', stderr: 'err', exitCode: 3 });
  });

  it('passes arguments verbatim, never through a shell', async () => {
    const tricky = '$(echo pwned); `id` && echo "quoted" | cat > /tmp/x';
    const result = await runCommand(node, ['-e', 'process.stdout.write(process.argv[1])', tricky]);
    expect(result.stdout).toBe(tricky);
  });

  it('kills a command that runs past its timeout and says so', async () => {
    await expect(runCommand(node, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 300 })).rejects.toBeInstanceOf(CommandTimeoutError);
  });

  it('kills a command whose output passes the byte cap', async () => {
    const error = await runCommand(node, ['-e', 'process.stdout.write("x".repeat(100000))'], { maxBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandOutputTooLargeError);
    expect((error as CommandOutputTooLargeError).maxBytes).toBe(1000);
  });

  it('rejects with CommandNotFoundError when the executable does not exist', async () => {
    const error = await runCommand('deskside-no-such-tool-here', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandNotFoundError);
    expect((error as CommandNotFoundError).file).toBe('deskside-no-such-tool-here');
  });

  it('decodes UTF-16LE output with its byte-order mark', async () => {
    const script = 'process.stdout.write(Buffer.concat([Buffer.from([0xff,0xfe]), Buffer.from("Imprimante générale 打印机", "utf16le")]))';
    const result = await runCommand(node, ['-e', script], { encoding: 'utf16le' });
    expect(result.stdout).toBe('Imprimante générale 打印机');
  });

  it('decodes UTF-8 output and drops a UTF-8 BOM', async () => {
    const result = await runCommand(node, ['-e', 'process.stdout.write("\\ufeffDisque local Ü")']);
    expect(result.stdout).toBe('Disque local Ü');
  });

  it('adds the given environment to the agent environment', async () => {
    const result = await runCommand(node, ['-e', 'process.stdout.write(process.env.DESKSIDE_T + ":" + (process.env.PATH ? "path" : "none"))'], {
      env: { DESKSIDE_T: 'C' },
    });
    expect(result.stdout).toBe('C:path');
  });

  it('kills the command when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = runCommand(node, ['-e', 'setTimeout(() => {}, 60000)'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(CommandAbortedError);
  });

  it('does not start a command whose signal is already aborted', async () => {
    await expect(runCommand(node, ['-e', ''], { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CommandAbortedError);
  });
});

describe('decoding', () => {
  it('drops an odd trailing byte of truncated UTF-16', () => {
    expect(decodeOutput(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), 'utf16le')).toBe('A');
  });
  it('decodes by BOM: UTF-16BE, UTF-16LE, UTF-8', () => {
    expect(decodeByBom(Buffer.from([0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9]))).toBe('Aé');
    expect(decodeByBom(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe('A');
    expect(decodeByBom(Buffer.from('plain é', 'utf8'))).toBe('plain é');
  });
});

describe('powershell arguments', () => {
  it('runs non-interactively without profile and carries the script with the UTF-8 preamble', () => {
    const script = 'Get-CimInstance Win32_Printer | Select-Object Name, "Default" | ConvertTo-Json';
    const args = powershellArgs(script);
    expect(args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    const decoded = Buffer.from(args[5] as string, 'base64').toString('utf16le');
    expect(decoded.startsWith('[Console]::OutputEncoding=[Text.Encoding]::UTF8;')).toBe(true);
    expect(decoded.endsWith(script)).toBe(true);
    expect(scriptFromArgs(args)).toBe(script);
  });
});

describe('createSystemAccess', () => {
  const system = createSystemAccess();
  it('reads files, tests existence and lists directories', async () => {
    expect(await system.readFile('/proc/self/status')).toMatch(/^Name:/m);
    expect(await system.fileExists('/proc/self/status')).toBe(true);
    expect(await system.fileExists('/nonexistent/deskside')).toBe(false);
    expect(await system.listDirectory('/proc/self')).toContain('status');
    await expect(system.readFile('/nonexistent/deskside')).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('withSignal kills commands when the bound signal aborts', async () => {
    const controller = new AbortController();
    const bound = withSignal(system, controller.signal);
    const pending = bound.run(node, ['-e', 'setTimeout(() => {}, 60000)']);
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(CommandAbortedError);
  });
});
