import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Platform } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../agent/config/settings-schema.js';
import { pendingRebootProbe } from '../../../agent/diagnostics/items/pending-reboot.js';
import { recentErrorsProbe } from '../../../agent/diagnostics/items/recent-errors.js';
import { ProbeUnsupportedError } from '../../../agent/diagnostics/probe.js';
import { EMPTY_STATE } from '../../../agent/state/agent-state.js';
import type { CommandResult, SystemAccess } from '../../../collectors/types.js';

const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url)), 'utf8');
const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });

/** Answers commands from fixtures and records what was run. */
function fakeSystem(answer: (file: string, args: readonly string[]) => CommandResult, files: Record<string, string> = {}) {
  const calls: string[] = [];
  const system: SystemAccess = {
    run: async (file, args) => (calls.push(`${file} ${args.join(' ')}`), answer(file, args)),
    powershell: async (script) => (calls.push(`powershell ${script.trim().split('\n')[0]}`), answer('powershell', [script])),
    readFile: async (p) => files[p] ?? Promise.reject(new Error(`ENOENT ${p}`)),
    readBinaryFile: async (p) => Buffer.from(files[p] ?? ''),
    fileExists: async (p) => p in files,
    listDirectory: async () => [],
  };
  return { system, calls };
}

const ctx = (platform: Platform, system: SystemAccess) => ({ platform, system, signal: new AbortController().signal, now: () => new Date(), settings: DEFAULT_SETTINGS, state: EMPTY_STATE });

describe('recent errors per OS', () => {
  it('Linux: journalctl, errors and worse, last 24 h, JSON', async () => {
    const { system, calls } = fakeSystem(() => ok(fixture('linux/diagnostics/journalctl-json-err-debian12.ndjson')));
    const r = await recentErrorsProbe.run(ctx('linux', system));
    expect(calls).toEqual(['journalctl --priority=err --since=-24h --output=json --no-pager --quiet --lines=200']);
    expect(r.summary).toMatch(/^4 errors in the last 24 h/);
  });

  it('macOS: log show with an error/fault predicate as ndjson', async () => {
    const { system, calls } = fakeSystem(() => ok(fixture('macos/diagnostics/log-show-ndjson-errors-macos14.ndjson')));
    const r = await recentErrorsProbe.run(ctx('darwin', system));
    expect(calls[0]).toBe("/usr/bin/log show --last 24h --style ndjson --predicate messageType == error OR messageType == fault");
    expect((r.data as { total: number }).total).toBe(2);
  });

  it('Windows: Get-WinEvent on System and Application, critical and error', async () => {
    let script = '';
    const { system } = fakeSystem((file, args) => {
      script = args[0] ?? '';
      return ok(fixture('windows/diagnostics/get-winevent-errors-ps51.json'));
    });
    const r = await recentErrorsProbe.run(ctx('win32', system));
    expect(script).toContain("LogName = 'System','Application'; Level = 1,2");
    expect(script).toContain('ConvertTo-Json');
    expect(r.summary).toContain('Service Control Manager (System) (1)');
  });

  it('a failing tool is an error with its own message', async () => {
    const { system } = fakeSystem(() => ({ stdout: '', stderr: 'Failed to open journal: Permission denied', exitCode: 1 }));
    await expect(recentErrorsProbe.run(ctx('linux', system))).rejects.toThrow('Permission denied');
  });
});

describe('pending reboot per OS', () => {
  it('Windows: registry markers through PowerShell', async () => {
    const { system } = fakeSystem(() => ok(fixture('windows/diagnostics/pending-reboot.json')));
    expect((await pendingRebootProbe.run(ctx('win32', system))).summary).toBe('Restart pending (WindowsUpdate, PendingFileRename)');
  });
  it('Linux: reboot-required and the packages that asked for it', async () => {
    const { system } = fakeSystem(() => ok(''), { '/var/run/reboot-required': '*** System restart required ***\n', '/var/run/reboot-required.pkgs': 'linux-image-6.1.0-27-amd64\n' });
    expect((await pendingRebootProbe.run(ctx('linux', system))).summary).toBe('Restart pending for linux-image-6.1.0-27-amd64');
    expect((await pendingRebootProbe.run(ctx('linux', fakeSystem(() => ok('')).system))).summary).toBe('No restart pending');
  });
  it('macOS: unsupported, with the reason', async () => {
    await expect(pendingRebootProbe.run(ctx('darwin', fakeSystem(() => ok('')).system))).rejects.toBeInstanceOf(ProbeUnsupportedError);
  });
});
