import type { Category, Platform, UsersData } from '@deskside/shared';
import { InventoryDocumentSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import type { InventoryProgressEvent } from '../../collectors/progress.js';
import { collectInventory, selectedCategories } from '../../collectors/runner.js';
import type { CollectContext, Collector } from '../../collectors/types.js';
import { CommandNotFoundError, SectionError } from '../../collectors/types.js';
import { createFakeSystem } from './fake-system.js';

const system = createFakeSystem({});
const fixedNow = (): Date => new Date('2026-11-29T08:00:00.000Z');

const systemData = {
  hostname: 'PC-ACCT-042',
  fqdn: null,
  domain: null,
  workgroup: 'WORKGROUP',
  os: { platform: 'linux' as const, name: 'Debian GNU/Linux 12', version: '12', build: null, kernel: '6.1.0', arch: 'x64' },
  uptimeSeconds: 100,
  bootTime: null,
  timezone: 'UTC',
  locale: null,
  loggedInUser: null,
  manufacturer: null,
  model: null,
  serial: 'SER-1',
  hardwareUuid: 'UUID-1',
  chassisType: null,
  virtualMachine: null,
  hypervisor: null,
};
const usersData: UsersData = { sessions: [], localAccounts: [] };

function collector<K extends Category>(category: K, collect: (ctx: CollectContext) => Promise<unknown>, platforms: readonly Platform[] = ['linux']): Collector {
  return { category, platforms, collect: collect as Collector['collect'] };
}
const ok = <K extends Category>(category: K, data: unknown) => collector(category, async () => data);

const base = { platform: 'linux' as const, system, now: fixedNow, agentVersion: '0.1.0' };

describe('collectInventory', () => {
  it('returns exactly what the shared InventoryDocumentSchema accepts, failed and partial sections included', async () => {
    const doc = await collectInventory({
      ...base,
      collectors: [
        ok('system', systemData),
        ok('users', { sessions: 'not a list' }),
        collector('software', async () => {
          throw new SectionError('permission-denied', 'dpkg status unreadable', 'root', { packages: [{ name: 'curl', source: 'dpkg' }], truncated: false });
        }),
        collector('network', async () => {
          throw new CommandNotFoundError('ip');
        }),
      ],
    });
    expect(InventoryDocumentSchema.parse(doc)).toEqual(doc);
    expect(doc.sections.users?.status).toBe('error');
    expect(doc.sections.software).toMatchObject({ status: 'permission-denied', data: { packages: [{ name: 'curl', version: null }] } });
  });

  it('wraps each result in its section envelope and validates the document', async () => {
    const doc = await collectInventory({ ...base, collectors: [ok('system', systemData), ok('users', usersData)] });
    expect(doc.schemaVersion).toBe(1);
    expect(doc.kind).toBe('full');
    expect(doc.collectedAt).toBe('2026-11-29T08:00:00.000Z');
    expect(doc.sections.system?.status).toBe('ok');
    expect(doc.sections.system?.data?.hostname).toBe('PC-ACCT-042');
    expect(doc.sections.users).toMatchObject({ status: 'ok', data: usersData });
    expect(doc.device).toMatchObject({ hostname: 'PC-ACCT-042', hardwareUuid: 'UUID-1', serial: 'SER-1' });
    expect(Object.keys(doc.sections)).toEqual(['system', 'hardware', 'storage', 'software', 'network', 'users', 'peripherals', 'antivirus', 'firewall', 'encryption', 'updates', 'backup', 'remoteAccess']);
    expect(doc.sections.hardware).toMatchObject({ status: 'unsupported', error: 'no hardware collector for linux' });
  });

  it('isolates failures: one collector throwing costs only its section', async () => {
    const doc = await collectInventory({
      ...base,
      collectors: [ok('system', systemData), collector('users', async () => Promise.reject(new Error('who exploded')))],
    });
    expect(doc.sections.system?.status).toBe('ok');
    expect(doc.sections.users).toEqual({ status: 'error', durationMs: expect.any(Number), error: 'who exploded', data: null });
  });

  it('maps SectionError, CommandNotFoundError and EACCES to honest statuses', async () => {
    const doc = await collectInventory({
      ...base,
      collectors: [
        ok('system', systemData),
        collector('users', async () => {
          throw new SectionError('permission-denied', 'needs root', 'root', usersData);
        }),
        collector('peripherals', async () => {
          throw new CommandNotFoundError('lpstat');
        }),
        collector('storage', async () => {
          throw Object.assign(new Error('EACCES: /dev/sda'), { code: 'EACCES' });
        }),
      ],
    });
    expect(doc.sections.users).toMatchObject({ status: 'permission-denied', error: 'needs root', missingPermission: 'root', data: usersData });
    expect(doc.sections.peripherals).toMatchObject({ status: 'unsupported', error: 'lpstat is not installed or not on PATH', data: null });
    expect(doc.sections.storage).toMatchObject({ status: 'permission-denied', data: null });
  });

  it('gives a collector whose output breaks its schema status error naming the field', async () => {
    const bad = { ...usersData, sessions: [{ user: '', kind: 'console', terminal: null, host: null, startedAt: null }] };
    const doc = await collectInventory({ ...base, collectors: [ok('system', systemData), ok('users', bad)] });
    expect(doc.sections.users?.status).toBe('error');
    expect(doc.sections.users?.error).toContain('sessions.0.user');
  });

  it('normalizes every string to NFC', async () => {
    const nfd = 'Cafe\u0301 Ame\u0301lie';
    const doc = await collectInventory({ ...base, collectors: [ok('system', { ...systemData, model: nfd })] });
    expect(doc.sections.system?.data?.model).toBe('Café Amélie');
    expect(doc.sections.system?.data?.model).toBe(nfd.normalize('NFC'));
  });

  it('times out a slow collector without waiting for it, aborting its signal', async () => {
    let sawAbort = false;
    const slow = collector('users', (ctx) => {
      return new Promise((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          sawAbort = true;
          resolve(usersData);
        });
      });
    });
    const doc = await collectInventory({ ...base, collectors: [ok('system', systemData), slow], timeouts: { users: 50 } });
    expect(doc.sections.users).toMatchObject({ status: 'timeout', data: null });
    expect(doc.sections.users?.error).toContain('50 ms');
    expect(sawAbort).toBe(true);
    expect(doc.sections.system?.status).toBe('ok');
  });

  it('kills commands of a timed-out collector through the bound signal', async () => {
    const hung = createFakeSystem({ commands: { 'lpstat *': { hang: true } } });
    const doc = await collectInventory({
      ...base,
      system: hung,
      collectorTimeoutMs: 50,
      collectors: [ok('system', systemData), collector('peripherals', async (ctx) => ctx.system.run('lpstat', ['-a']))],
    });
    expect(doc.sections.peripherals?.status).toBe('timeout');
    expect(hung.calls[0]?.options?.signal?.aborted).toBe(true);
  });

  it('runs at most `concurrency` collectors at once', async () => {
    let running = 0;
    let peak = 0;
    const gate = (category: Category, data: unknown) =>
      collector(category, async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        await new Promise((r) => setImmediate(r));
        running -= 1;
        return data;
      });
    const collectors = [
      gate('system', systemData),
      gate('users', usersData),
      gate('peripherals', { printers: [], usb: [] }),
      gate('storage', { disks: [], volumes: [] }),
    ];
    await collectInventory({ ...base, collectors, concurrency: 2 });
    expect(peak).toBe(2);
    peak = 0;
    await collectInventory({ ...base, collectors, concurrency: 1 });
    expect(peak).toBe(1);
  });

  it('marks collectors still running or waiting when the budget is spent as timeout', async () => {
    const never = (category: Category) => collector(category, (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const doc = await collectInventory({
      ...base,
      concurrency: 1,
      budgetMs: 80,
      collectors: [ok('system', systemData), never('users'), never('peripherals')],
    });
    expect(doc.sections.system?.status).toBe('ok');
    expect(doc.sections.users).toMatchObject({ status: 'timeout' });
    expect(doc.sections.peripherals).toMatchObject({ status: 'timeout', error: 'not started: the inventory budget was spent' });
  });

  it('rejects when the caller cancels the run', async () => {
    const controller = new AbortController();
    const pending = collectInventory({
      ...base,
      signal: controller.signal,
      collectors: [collector('system', (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(systemData))))],
    });
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('honours only, skip and disabled; a subset is a partial document', async () => {
    const collectors = [ok('system', systemData), ok('users', usersData), ok('peripherals', { printers: [], usb: [] })];
    const only = await collectInventory({ ...base, collectors, only: ['system', 'users'] });
    expect(Object.keys(only.sections)).toEqual(['system', 'users']);
    expect(only.kind).toBe('partial');
    const skipped = await collectInventory({ ...base, collectors, only: ['system', 'users', 'peripherals'], skip: ['users'], disabled: ['peripherals'] });
    expect(Object.keys(skipped.sections)).toEqual(['system']);
    expect(skipped.kind).toBe('partial');
    // Categories switched off by policy leave a full inventory of what is enabled.
    const policy = await collectInventory({ ...base, collectors, disabled: ['users', 'backup'] });
    expect(policy.kind).toBe('full');
    expect(policy.sections.users).toBeUndefined();
    const noSystem = await collectInventory({ ...base, collectors, disabled: ['system'] });
    expect(noSystem.kind).toBe('partial');
    expect(selectedCategories({ only: ['users'], skip: ['users'] })).toEqual([]);
  });

  it('reports a registered category with no collector for this platform as unsupported', async () => {
    const doc = await collectInventory({ ...base, collectors: [ok('system', systemData), collector('users', async () => usersData, ['win32'])] });
    expect(doc.sections.users).toEqual({ status: 'unsupported', durationMs: 0, error: 'no users collector for linux', data: null });
  });

  it('emits started and finished progress events with status and duration', async () => {
    const events: InventoryProgressEvent[] = [];
    await collectInventory({
      ...base,
      onProgress: (e) => events.push(e),
      collectors: [ok('system', systemData), collector('users', async () => Promise.reject(new Error('x')))],
    });
    expect(events.filter((e) => e.type === 'started').map((e) => e.category).sort()).toEqual(['system', 'users']);
    expect(events).toContainEqual({ type: 'finished', category: 'users', status: 'error', durationMs: expect.any(Number) });
    expect(events).toContainEqual({ type: 'finished', category: 'system', status: 'ok', durationMs: expect.any(Number) });
  });

  it('fails loudly if a full document lacks the system section', async () => {
    const doc = collectInventory({ ...base, collectors: [collector('system', async () => ({ broken: true }))] });
    // A broken system collector gives an error section, which is still a valid full document.
    await expect(doc).resolves.toMatchObject({ sections: { system: { status: 'error' } } });
  });

  it('takes MACs from the network section, ignoring loopback and virtual interfaces', async () => {
    const iface = (name: string, kind: string, mac: string | null) => ({
      name, displayName: null, kind, mac, up: true, dhcp: null, speedMbps: null, mtu: null, ipv4: [], ipv6: [],
    });
    const network = {
      interfaces: [iface('lo', 'loopback', '00:00:00:00:00:00'), iface('eth0', 'wired', 'a4:bb:6d:11:22:33'), iface('docker0', 'virtual', '02:42:ac:11:00:02')],
      defaultGateways: [],
      dns: { servers: [], searchDomains: [] },
      wifi: [],
      proxy: null,
    };
    const doc = await collectInventory({ ...base, collectors: [ok('system', systemData), ok('network', network)] });
    expect(doc.device.macs).toEqual(['a4:bb:6d:11:22:33']);
  });
});
