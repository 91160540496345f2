import { describe, expect, it } from 'vitest';

import { collectLinuxBackup } from '../../../collectors/backup/linux.js';
import { parseWindowsBackup } from '../../../collectors/backup/parse-windows-backup.js';
import { collectWindowsBackup } from '../../../collectors/backup/win32.js';
import { linuxProxy } from '../../../collectors/network/linux.js';
import { parseInternetSettings, SERVICE_ACCOUNT_PROXY_SOURCE } from '../../../collectors/network/parse-windows-proxy.js';
import type { CollectContext } from '../../../collectors/types.js';
import { createFakeSystem, gsettingsSchemas, type FakeSystemSpec } from '../fake-system.js';
import { fixtureText, NOW } from '../protection/helpers.js';

const ctx = (platform: CollectContext['platform'], spec: FakeSystemSpec, serviceAccount: boolean): CollectContext => ({
  platform,
  system: createFakeSystem(spec),
  signal: new AbortController().signal,
  now: () => NOW,
  backupStaleDays: 7,
  ...(serviceAccount ? { serviceAccount } : {}),
});

const products = (list: readonly { product: string }[]): string[] => list.map((m) => m.product);

describe('machine collectors as the agent service', () => {
  const script = fixtureText('windows/backup/script-workstation-filehistory-kfm.json');

  it('Windows backup: File History and OneDrive stay with the user, the machine-wide products remain', () => {
    const asUser = products(parseWindowsBackup(script, 7, NOW));
    const asService = products(parseWindowsBackup(script, 7, NOW, { userParts: false }));
    expect(asUser).toEqual(expect.arrayContaining(['File History', 'OneDrive Known Folder Move']));
    expect(asService).not.toContain('File History');
    expect(asService).not.toContain('OneDrive Known Folder Move');
    expect(asService).toEqual(asUser.filter((p) => p !== 'File History' && p !== 'OneDrive Known Folder Move'));
  });

  it('Windows backup collector passes the service flag on', async () => {
    const spec: FakeSystemSpec = { powershell: [['Get-WBSummary', 'windows/backup/script-workstation-filehistory-kfm.json']] };
    expect(products((await collectWindowsBackup(ctx('win32', spec, true))).mechanisms)).not.toContain('File History');
    expect(products((await collectWindowsBackup(ctx('win32', spec, false))).mechanisms)).toContain('File History');
  });

  it('Linux backup: Déjà Dup is not read as the service', async () => {
    const spec: FakeSystemSpec = {
      commands: { 'gsettings list-recursively org.gnome.DejaDup': 'linux/backup/gsettings-dejadup-failed.txt' },
      files: gsettingsSchemas('org.gnome.DejaDup'),
    };
    expect(products((await collectLinuxBackup(ctx('linux', spec, false))).mechanisms)).toContain('Déjà Dup');
    const service = ctx('linux', spec, true);
    expect(products((await collectLinuxBackup(service)).mechanisms)).not.toContain('Déjà Dup');
    expect((service.system as ReturnType<typeof createFakeSystem>).calls.some((c) => c.target.startsWith('gsettings'))).toBe(false);
  });

  it('Linux proxy: the service skips gsettings and names its own environment', async () => {
    const spec: FakeSystemSpec = {
      commands: { 'gsettings list-recursively org.gnome.system.proxy': 'linux/network/gsettings-proxy-manual.txt' },
      files: gsettingsSchemas('org.gnome.system.proxy'),
    };
    expect((await linuxProxy(ctx('linux', spec, false), {})).source).toBe('gsettings org.gnome.system.proxy');
    const asService = await linuxProxy(ctx('linux', spec, true), { http_proxy: 'http://proxy:3128' });
    expect(asService).toMatchObject({ mode: 'manual', source: "the agent service's environment (http_proxy, https_proxy, no_proxy)" });
  });

  it('Windows proxy: the service account view is labelled as such', () => {
    expect(parseInternetSettings({ ProxyEnable: 0 }, null, SERVICE_ACCOUNT_PROXY_SOURCE).source).toMatch(/service account/);
    expect(parseInternetSettings({ ProxyEnable: 0 }, null).source).toBe('HKCU Internet Settings');
  });
});
