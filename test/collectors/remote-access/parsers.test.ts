import { describe, expect, it } from 'vitest';

import { parseAnyDeskId } from '../../../collectors/remote-access/parse-anydesk.js';
import { parseChromeRemoteDesktopHost } from '../../../collectors/remote-access/parse-chrome-remote-desktop.js';
import { configValue } from '../../../collectors/remote-access/parse-key-value.js';
import { parseMeshAgentMsh } from '../../../collectors/remote-access/parse-meshagent.js';
import { parseRustDeskConfig } from '../../../collectors/remote-access/parse-rustdesk.js';
import { parseDenyTsConnections, parseLaunchctlScreenSharing, parseLinuxRemoteUnits, parseRemoteManagementLaunchd } from '../../../collectors/remote-access/parse-services.js';
import { parseTeamViewerGlobalConf, parseTeamViewerPlist, parseTeamViewerRegistryValue } from '../../../collectors/remote-access/parse-teamviewer.js';
import { parseWindowsRemoteAccess } from '../../../collectors/remote-access/parse-windows-remote-access.js';
import { fixtureBytes, fixtureText } from '../protection/helpers.js';

const linux = (name: string) => fixtureText(`linux/remote-access/${name}`);

describe('config lines', () => {
  it('reads one key, unquoting TOML strings, optionally inside a section', () => {
    expect(configValue("a = 'x'\n[options]\nb = \"y\"\n", 'a')).toBe('x');
    expect(configValue("b = 'top'\n[options]\nb = \"y\"\n", 'b', { section: 'options' })).toBe('y');
    expect(configValue('# a=commented\n', 'a')).toBeNull();
    expect(configValue('a=\n', 'a')).toBeNull();
  });
});

describe('AnyDesk system.conf', () => {
  it('reads ad.anynet.id', () => {
    expect(parseAnyDeskId(linux('anydesk-system-6.conf'))).toBe('512345678');
  });
  it('is null before AnyDesk registered, or when the value is not an ID', () => {
    expect(parseAnyDeskId(linux('anydesk-system-unregistered.conf'))).toBeNull();
    expect(parseAnyDeskId('ad.anynet.id=javascript:alert(1)\n')).toBeNull();
  });
});

describe('TeamViewer', () => {
  it('reads ClientID from global.conf, not the similar ClientIC', () => {
    expect(parseTeamViewerGlobalConf(linux('teamviewer-global-15.conf'))).toBe('1234567890');
  });
  it('reads ClientID from the macOS preferences plist', () => {
    expect(parseTeamViewerPlist(fixtureBytes('macos/remote-access/teamviewer-15-preferences.plist'))).toBe('987654321');
  });
  it('reads the registry DWORD; zero or nonsense is no ID', () => {
    expect(parseTeamViewerRegistryValue(1502345678)).toBe('1502345678');
    expect(parseTeamViewerRegistryValue(0)).toBeNull();
    expect(parseTeamViewerRegistryValue({})).toBeNull();
  });
});

describe('RustDesk', () => {
  it('reads the id and the self-hosted rendezvous server', () => {
    expect(parseRustDeskConfig(linux('rustdesk-1.3-RustDesk.toml'), linux('rustdesk-1.3-RustDesk2.toml'))).toEqual({ id: '123456789', server: 'rd.example.org' });
  });
  it('has no server without RustDesk2.toml', () => {
    expect(parseRustDeskConfig(linux('rustdesk-1.3-RustDesk.toml'), null)).toEqual({ id: '123456789', server: null });
  });
  it('ignores a top-level key of the same name outside [options]', () => {
    expect(parseRustDeskConfig("id = 'abc'\n", "custom-rendezvous-server = 'evil'\n").server).toBeNull();
  });
});

describe('MeshCentral meshagent.msh', () => {
  it('reads server, group and server id', () => {
    expect(parseMeshAgentMsh(linux('meshagent-1.1.msh'))).toEqual({
      server: 'wss://mesh.example.com:443/agent.ashx',
      meshId: expect.stringMatching(/^0x6E2C7A1F/) as unknown as string,
      meshName: 'Help desk laptops',
      serverId: expect.stringMatching(/^D99362D5/) as unknown as string,
    });
  });
  it('a LAN-discovery agent has no server URL', () => {
    expect(parseMeshAgentMsh(linux('meshagent-local.msh'))?.server).toBeNull();
    expect(parseMeshAgentMsh('unrelated=1\n')).toBeNull();
  });
});

describe('Chrome Remote Desktop host config', () => {
  it('keeps only id, name and owner', () => {
    const host = parseChromeRemoteDesktopHost(linux('chrome-remote-desktop-host.json'));
    expect(host).toEqual({ hostId: '5a7b3c2d-1e4f-4a6b-8c9d-0e1f2a3b4c5d', hostName: 'ws-0042', owner: 'alice@example.com' });
    expect(JSON.stringify(host)).not.toMatch(/SECRET/);
  });
  it('is null for garbage', () => {
    expect(parseChromeRemoteDesktopHost('{')).toBeNull();
    expect(parseChromeRemoteDesktopHost('[]')).toBeNull();
  });
});

describe('remote desktop services', () => {
  it('Linux: enabled x11vnc and xrdp units; disabled gnome-remote-desktop and the template do not count', () => {
    expect(parseLinuxRemoteUnits(linux('systemctl-unit-files-x11vnc-xrdp.txt'))).toEqual([
      { service: 'vnc', enabled: true, product: 'x11vnc', source: 'systemctl list-unit-files' },
      { service: 'rdp', enabled: true, product: 'xrdp', source: 'systemctl list-unit-files' },
    ]);
    expect(parseLinuxRemoteUnits(linux('systemctl-unit-files-none.txt')).map((s) => s.enabled)).toEqual([false, false]);
  });
  it('macOS Screen Sharing from launchctl, both wordings', () => {
    expect(parseLaunchctlScreenSharing(fixtureText('macos/remote-access/launchctl-print-disabled-14-on.txt'))).toBe(true);
    expect(parseLaunchctlScreenSharing(fixtureText('macos/remote-access/launchctl-print-disabled-10.15-off.txt'))).toBe(false);
    expect(parseLaunchctlScreenSharing(fixtureText('macos/remote-access/launchctl-print-disabled-no-entry.txt'))).toBe(false);
    expect(parseLaunchctlScreenSharing('launchctl: unrecognized')).toBeNull();
  });
  it('macOS Remote Management from RemoteManagement.launchd', () => {
    expect(parseRemoteManagementLaunchd(fixtureText('macos/remote-access/RemoteManagement-enabled.launchd'))).toBe(true);
    expect(parseRemoteManagementLaunchd(null)).toBe(false);
  });
  it('Windows fDenyTSConnections: 0 allows RDP', () => {
    expect([parseDenyTsConnections(0), parseDenyTsConnections(1), parseDenyTsConnections(undefined)]).toEqual([true, false, null]);
  });
});

describe('Windows script output', () => {
  const parse = (name: string) => parseWindowsRemoteAccess(fixtureText(`windows/remote-access/${name}`));

  it('every tool and RDP on', () => {
    const data = parse('script-all-tools.json');
    expect(data.handles.map((h) => [h.tool, h.id, h.server, h.group])).toEqual([
      ['anydesk', '112233445', null, null],
      ['teamviewer', '1502345678', null, null],
      ['rustdesk', '1987654321', 'rd.example.org', null],
      ['meshcentral', 'R2xhZGlhdG9yIG5vZGUgaWQgZm9yIHRlc3Rz', 'wss://mesh.example.com/agent.ashx', '0xA1B2C3'],
      ['chrome-remote-desktop', '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b', null, 'it@example.com'],
    ]);
    expect(data.services).toEqual([{ service: 'rdp', enabled: true, product: 'Remote Desktop Services', source: expect.stringContaining('fDenyTSConnections') as unknown as string }]);
  });

  it('TeamViewer in WOW6432Node as a single object; RDP off', () => {
    const data = parse('script-teamviewer-wow64-rdp-off.json');
    expect(data.handles).toEqual([expect.objectContaining({ tool: 'teamviewer', id: '445566778', source: 'HKLM:\\SOFTWARE\\WOW6432Node\\TeamViewer (ClientID)' })]);
    expect(data.services[0]?.enabled).toBe(false);
  });

  it('TeamViewer under an old Version<N> subkey; a custom AnyDesk client; a Mesh agent known only by its registry node id', () => {
    const data = parseWindowsRemoteAccess(
      JSON.stringify({
        anydesk: [{ path: 'C:\\ProgramData\\AnyDesk\\system.conf', lines: [] }, { path: 'C:\\ProgramData\\AnyDesk\\ad_acme\\system.conf', lines: 'ad.anynet.id=998877665' }],
        teamviewer: [{ key: 'HKLM\\SOFTWARE\\TeamViewer', ClientID: null }, { key: 'HKLM\\SOFTWARE\\TeamViewer\\Version9', ClientID: 401234567 }],
        meshNodeId: 'bm9kZWlk',
        fDenyTSConnections: 0,
      }),
    );
    expect(data.handles.map((h) => [h.tool, h.id, h.source])).toEqual([
      ['anydesk', '998877665', 'C:\\ProgramData\\AnyDesk\\ad_acme\\system.conf'],
      ['teamviewer', '401234567', 'HKLM\\SOFTWARE\\TeamViewer\\Version9 (ClientID)'],
      ['meshcentral', 'bm9kZWlk', 'HKLM\\SOFTWARE\\Open Source\\Mesh Agent (NodeId)'],
    ]);
  });

  it('nothing installed: no handles, RDP unknown when its value is unreadable', () => {
    const data = parse('script-nothing.json');
    expect(data.handles).toEqual([]);
    expect(data.services[0]?.enabled).toBeNull();
  });
});
