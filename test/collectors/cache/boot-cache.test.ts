import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { cachedPerBoot } from '../../../collectors/common/boot-cache.js';
import { systemCollector } from '../../../collectors/system/index.js';
import type { CollectContext } from '../../../collectors/types.js';
import { createFakeSystem, type FakeSystem } from '../fake-system.js';

let cacheDir: string;
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'deskside-boot-cache-'));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

function context(system: FakeSystem, dir: string | null = cacheDir): CollectContext {
  return { platform: 'linux', system, signal: new AbortController().signal, now: () => new Date('2026-11-29T10:00:00Z'), backupStaleDays: 7, ...(dir ? { cacheDir: dir } : {}) };
}

const bootSystem = (bootId: string | null): FakeSystem =>
  createFakeSystem({
    files: bootId === null ? {} : { '/proc/sys/kernel/random/boot_id': { stdout: `${bootId}\n` } },
    commands: { 'systemd-detect-virt --vm': { stdout: 'kvm\n' }, 'who': { stdout: '' } },
  });

const asText = (v: unknown): string | null => (typeof v === 'string' ? v : null);

describe('cachedPerBoot', () => {
  it('derives once per boot id and again after a reboot', async () => {
    let calls = 0;
    const compute = async () => `value ${++calls}`;
    expect(await cachedPerBoot(context(bootSystem('boot-a')), 'fact', asText, compute)).toBe('value 1');
    expect(await cachedPerBoot(context(bootSystem('boot-a')), 'fact', asText, compute)).toBe('value 1');
    expect(await cachedPerBoot(context(bootSystem('boot-b')), 'fact', asText, compute)).toBe('value 2');
  });

  it('derives every time without a boot id or without a cache folder', async () => {
    let calls = 0;
    const compute = async () => `value ${++calls}`;
    await cachedPerBoot(context(bootSystem(null)), 'fact', asText, compute);
    await cachedPerBoot(context(bootSystem(null)), 'fact', asText, compute);
    await cachedPerBoot(context(bootSystem('boot-a'), null), 'fact', asText, compute);
    await cachedPerBoot(context(bootSystem('boot-a'), null), 'fact', asText, compute);
    expect(calls).toBe(4);
  });
});

describe('the Linux system section', () => {
  it('asks systemd-detect-virt once per boot', async () => {
    const runs = (system: FakeSystem) => system.calls.filter((c) => c.kind === 'run' && c.target.startsWith('systemd-detect-virt')).length;
    const first = bootSystem('boot-a');
    const firstData = await systemCollector.collect(context(first));
    const second = bootSystem('boot-a');
    const secondData = await systemCollector.collect(context(second));
    expect(runs(first)).toBe(1);
    expect(runs(second)).toBe(0);
    // No /proc/cpuinfo in the fake: only systemd-detect-virt's cached "kvm" can say virtual.
    expect(firstData.virtualMachine).toBe(true);
    expect(secondData.virtualMachine).toBe(true);
  });
});
