import type { RemoteAccessData, Sections } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { diffInventories, hardwareChanges, ipChanges, protectionChanges, remoteAccessChanges, softwareChanges } from '../../src/inventory/history-diff.js';
import { fullSections, pkg } from '../helpers/inventory.js';

describe('inventory history diff', () => {
  it('reports installs, removals and updates keyed by name, arch and source', () => {
    const before = fullSections({ packages: [pkg('Zoom', '5.0'), pkg('Git', '2.40'), pkg('Git', '2.40', 'registry-user')] });
    const after = fullSections({ packages: [pkg('Zoom', '5.1'), pkg('Git', '2.40'), pkg('Slack', '4.0')] });
    expect(softwareChanges(before, after)).toEqual([
      { kind: 'software-updated', category: 'software', subject: 'Zoom', before: '5.0', after: '5.1' },
      { kind: 'software-installed', category: 'software', subject: 'Slack', before: null, after: '4.0' },
      { kind: 'software-removed', category: 'software', subject: 'Git', before: '2.40', after: null },
    ]);
  });

  it('does not treat an unreadable section as everything removed', () => {
    const before = fullSections({ packages: [pkg('Zoom', '5.0')] });
    const after = fullSections({ packages: [] });
    const failed = { ...after, software: { status: 'timeout' as const, durationMs: 30_000, error: 'timed out', data: null } };
    expect(softwareChanges(before, failed)).toEqual([]);
    expect(protectionChanges(before, { ...before, antivirus: undefined })).toEqual([]);
  });

  it('reports hardware, IP and protection changes in words a technician reads', () => {
    const before = fullSections({ memoryBytes: 8 * 1024 ** 3, ipv4: ['10.0.0.5'], backup: 'ok' });
    const after = fullSections({ memoryBytes: 16 * 1024 ** 3, ipv4: ['10.0.0.5', '10.0.0.6'], backup: 'failing', avSignaturesUpToDate: false });
    expect(hardwareChanges(before, after)).toEqual([{ kind: 'hardware-changed', category: 'hardware', subject: 'memory', before: '8192 MiB', after: '16384 MiB' }]);
    expect(ipChanges(before, after)).toEqual([{ kind: 'ip-changed', category: 'network', subject: 'Ethernet', before: '10.0.0.5', after: '10.0.0.5, 10.0.0.6' }]);
    expect(protectionChanges(before, after).map((c) => [c.subject, c.before, c.after])).toEqual([
      ['antivirus: Microsoft Defender Antivirus', 'active, real-time on, signatures current', 'active, real-time on, signatures outdated'],
      ['backup', 'ok', 'failing'],
    ]);
  });

  it('reports a remote-access tool that appears or changes ID and a service switched on, not an unreadable section', () => {
    const remote = (data: RemoteAccessData): Sections => ({ ...fullSections(), remoteAccess: { status: 'ok', durationMs: 3, data } });
    const handle = (tool: 'anydesk' | 'teamviewer', id: string | null) => ({ tool, id, server: null, group: null, label: null, problem: null, source: 's' });
    const before = remote({ handles: [handle('teamviewer', '111111111')], services: [{ service: 'rdp', enabled: false, product: null, source: 's' }] });
    const after = remote({ handles: [handle('teamviewer', '222222222'), handle('anydesk', null)], services: [{ service: 'rdp', enabled: true, product: null, source: 's' }] });
    expect(remoteAccessChanges(before, after)).toEqual([
      { kind: 'remote-access-changed', category: 'remoteAccess', subject: 'TeamViewer', before: '111111111', after: '222222222' },
      { kind: 'remote-access-changed', category: 'remoteAccess', subject: 'rdp', before: 'off', after: 'on' },
      { kind: 'remote-access-changed', category: 'remoteAccess', subject: 'AnyDesk', before: null, after: 'installed, no ID' },
    ]);
    const failed = { ...after, remoteAccess: { status: 'timeout' as const, durationMs: 30_000, error: 'timed out', data: null } };
    expect(remoteAccessChanges(before, failed)).toEqual([]);
    expect(remoteAccessChanges(fullSections(), after)).toEqual([]);
  });

  it('has no history for a first inventory and none for an identical one', () => {
    const s = fullSections();
    expect(diffInventories(null, s)).toEqual([]);
    expect(diffInventories(s, fullSections())).toEqual([]);
  });
});
