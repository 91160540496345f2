import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IpcEvents, Sections } from '@deskside/shared';
import { vi } from 'vitest';

import type { HostInfo } from '../../../main/core/ports.js';
import { TrayCore } from '../../../main/core/tray-core.js';
import { parseTrayPolicy, type TrayPolicy } from '../../../main/policy/tray-policy.js';
import { TraySettings, memoryStore } from '../../../main/settings/tray-settings.js';
import { fakeAgent } from './fake-agent.js';

export const HOST: HostInfo = {
  productName: 'Deskside',
  appVersion: '0.1.0',
  versions: { electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0' },
  os: 'Windows 11 Pro (10.0.26100)',
  platform: 'win32',
  identity: () => ({ computerName: 'PC-ACCT-017', userName: 'alice', ipAddresses: ['10.20.30.40'] }),
  osLanguages: () => ['en-GB'],
};

/** A TrayCore over a fake agent and in-memory everything; every outward effect is recorded. */
export async function trayCoreFixture(
  options: { policy?: Partial<TrayPolicy>; sections?: Sections; enrolled?: boolean; osLanguages?: readonly string[]; agent?: ReturnType<typeof fakeAgent> } = {},
) {
  const fake = options.agent ?? fakeAgent({ enrolled: options.enrolled ?? true });
  const events: { event: keyof IpcEvents; payload: unknown }[] = [];
  const notifications: { title: string; body: string; route: unknown }[] = [];
  const opened: unknown[] = [];
  const closed: number[] = [];
  const loginItems: boolean[] = [];
  const openedLinks: string[] = [];
  const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const policy: TrayPolicy = { ...parseTrayPolicy({}).policy, ...options.policy };
  const settings = new TraySettings(memoryStore());
  const attachmentsDir = await mkdtemp(join(tmpdir(), 'deskside-attachments-'));
  const network = { up: true };
  const downloadsDir = await mkdtemp(join(tmpdir(), 'deskside-downloads-'));
  const revealed: string[] = [];
  const core = new TrayCore({
    agent: fake.agent,
    host: { ...HOST, osLanguages: () => options.osLanguages ?? HOST.osLanguages() },
    screens: {
      captured: () => [{ id: 'display-1', displayName: 'Built-in display', width: 4, height: 3, dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
    },
    healthSource: { latest: async () => (options.sections ? { sections: options.sections, collectedAt: '2026-11-29T08:00:00.000Z' } : null) },
    settings,
    policy: () => policy,
    windows: { open: (r) => opened.push(r), close: (id) => closed.push(id) },
    events: { emit: (event, payload) => events.push({ event, payload }) },
    notifier: { show: (n) => notifications.push(n) },
    network: { isUp: () => network.up },
    loginItem: { apply: (v) => loginItems.push(v) },
    downloads: { folder: () => downloadsDir, reveal: (path) => revealed.push(path) },
    links: { open: async (url) => void openedLinks.push(url) },
    attachmentsDir,
    log,
    now: () => new Date('2026-11-29T08:30:00.000Z'),
  });
  return { core, ...fake, events, notifications, opened, closed, loginItems, openedLinks, log, settings, attachmentsDir, downloadsDir, revealed, network, policy };
}
