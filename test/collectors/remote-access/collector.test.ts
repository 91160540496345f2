import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RemoteAccessDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { remoteAccessCollector } from '../../../collectors/remote-access/index.js';
import { FIXTURES_DIR } from '../fake-system.js';
import { fakeContext, sectionError } from '../protection/helpers.js';

const L = 'linux/remote-access';
const SYSTEMCTL = 'systemctl list-unit-files --type=service --no-legend --no-pager';

const everyLinuxTool = {
  files: {
    '/etc/anydesk/system.conf': `${L}/anydesk-system-6.conf`,
    '/etc/teamviewer/global.conf': `${L}/teamviewer-global-15.conf`,
    '/root/.config/rustdesk/RustDesk.toml': `${L}/rustdesk-1.3-RustDesk.toml`,
    '/root/.config/rustdesk/RustDesk2.toml': `${L}/rustdesk-1.3-RustDesk2.toml`,
    '/usr/local/mesh_services/meshagent/meshagent.msh': `${L}/meshagent-1.1.msh`,
    '/home/alice/.config/chrome-remote-desktop/host#3f2a9c.json': `${L}/chrome-remote-desktop-host.json`,
  },
  directories: { '/home': ['alice', 'bob'], '/home/alice/.config/chrome-remote-desktop': ['host#3f2a9c.json', 'paired-clients.json'] },
  commands: { [SYSTEMCTL]: `${L}/systemctl-unit-files-x11vnc-xrdp.txt` },
};

/** Every value a fixture holds on a line that is a secret: marked SECRET so a leak is easy to see. */
function fixtureSecrets(): string[] {
  const secrets: string[] = [];
  for (const os of ['linux', 'macos', 'windows']) {
    const dir = join(FIXTURES_DIR, os, 'remote-access');
    for (const file of readdirSync(dir)) {
      for (const m of readFileSync(join(dir, file), 'latin1').matchAll(/SECRET[A-Za-z0-9@.]*/g)) secrets.push(m[0]);
    }
  }
  return secrets;
}

describe('remote-access collector', () => {
  it('Linux: every tool, VNC and xrdp, schema-valid', async () => {
    const data = RemoteAccessDataSchema.parse(await remoteAccessCollector.collect(fakeContext('linux', everyLinuxTool)));
    expect(data.handles.map((h) => [h.tool, h.id, h.server])).toEqual([
      ['anydesk', '512345678', null],
      ['teamviewer', '1234567890', null],
      ['rustdesk', '123456789', 'rd.example.org'],
      ['meshcentral', null, 'wss://mesh.example.com:443/agent.ashx'],
      ['chrome-remote-desktop', '5a7b3c2d-1e4f-4a6b-8c9d-0e1f2a3b4c5d', null],
    ]);
    expect(data.services.map((s) => [s.service, s.enabled, s.product])).toEqual([
      ['vnc', true, 'x11vnc'],
      ['rdp', true, 'xrdp'],
    ]);
  });

  it('never carries a password, salt, key or token from the files it reads', async () => {
    const secrets = fixtureSecrets();
    expect(secrets.length).toBeGreaterThan(10);
    const linux = JSON.stringify(await remoteAccessCollector.collect(fakeContext('linux', everyLinuxTool)));
    const windows = JSON.stringify(await remoteAccessCollector.collect(fakeContext('win32', { powershell: [['fDenyTSConnections', 'windows/remote-access/script-all-tools.json']] })));
    for (const secret of secrets) {
      expect(linux).not.toContain(secret);
      expect(windows).not.toContain(secret);
    }
  });

  it('Linux with nothing installed: an empty list of handles, VNC and RDP off', async () => {
    const data = await remoteAccessCollector.collect(fakeContext('linux', { commands: { [SYSTEMCTL]: `${L}/systemctl-unit-files-none.txt` } }));
    expect(data).toEqual({
      handles: [],
      services: [
        { service: 'vnc', enabled: false, product: null, source: 'systemctl list-unit-files' },
        { service: 'rdp', enabled: false, product: null, source: 'systemctl list-unit-files' },
      ],
    });
  });

  it('Linux: a root-only config says installed, ID unreadable; no systemctl makes the services unknown', async () => {
    const data = await remoteAccessCollector.collect(fakeContext('linux', { files: { '/etc/anydesk/system.conf': { fail: 'permission-denied' } } }));
    expect(data.handles).toEqual([expect.objectContaining({ tool: 'anydesk', id: null, problem: expect.stringMatching(/permission denied/) as unknown as string })]);
    expect(data.services.map((s) => s.enabled)).toEqual([null, null]);
  });

  it('macOS: TeamViewer plist, Screen Sharing and Remote Management', async () => {
    const data = await remoteAccessCollector.collect(
      fakeContext('darwin', {
        files: {
          '/Library/Preferences/com.teamviewer.teamviewer.preferences.plist': 'macos/remote-access/teamviewer-15-preferences.plist',
          '/Library/Application Support/AnyDesk/system.conf': `${L}/anydesk-system-6.conf`,
          '/Library/Application Support/Apple/Remote Desktop/RemoteManagement.launchd': 'macos/remote-access/RemoteManagement-enabled.launchd',
        },
        commands: { 'launchctl print-disabled system': 'macos/remote-access/launchctl-print-disabled-14-on.txt' },
      }),
    );
    expect(RemoteAccessDataSchema.parse(data).handles.map((h) => [h.tool, h.id])).toEqual([
      ['anydesk', '512345678'],
      ['teamviewer', '987654321'],
    ]);
    expect(data.services.map((s) => [s.service, s.enabled])).toEqual([
      ['screen-sharing', true],
      ['remote-management', true],
    ]);
  });

  it('macOS: an older TeamViewer names its preferences after its version', async () => {
    const data = await remoteAccessCollector.collect(
      fakeContext('darwin', {
        files: { '/Library/Preferences/com.teamviewer.teamviewer10.plist': 'macos/remote-access/teamviewer-15-preferences.plist' },
        directories: { '/Library/Preferences': ['com.apple.loginwindow.plist', 'com.teamviewer.teamviewer10.plist'] },
      }),
    );
    expect(data.handles).toEqual([expect.objectContaining({ tool: 'teamviewer', id: '987654321', source: '/Library/Preferences/com.teamviewer.teamviewer10.plist' })]);
    expect(data.services.map((s) => [s.service, s.enabled])).toEqual([
      ['screen-sharing', null],
      ['remote-management', false],
    ]);
  });

  it('Windows: one PowerShell run; an error section when PowerShell fails', async () => {
    const data = await remoteAccessCollector.collect(fakeContext('win32', { powershell: [['fDenyTSConnections', 'windows/remote-access/script-all-tools.json']] }));
    expect(RemoteAccessDataSchema.parse(data).handles).toHaveLength(5);
    const error = await sectionError(remoteAccessCollector.collect(fakeContext('win32', { powershell: [['fDenyTSConnections', { fail: 'timeout' }]] })));
    expect(error.status).toBe('error');
  });
});
