import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import type { Section } from '@deskside/shared';
import { RemoteAccessDataSchema } from '@deskside/shared';
import { beforeAll, describe, expect, it } from 'vitest';

import { collectInventory } from '../../../collectors/runner.js';

/** Whether systemd says the unit starts on its own; false when it is unknown to systemd. */
function unitEnabled(unit: string): boolean {
  try {
    return execFileSync('systemctl', ['is-enabled', unit], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().startsWith('enabled');
  } catch {
    return false;
  }
}

const hasSystemctl = (() => {
  try {
    execFileSync('systemctl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * The real collector on the machine running the tests: whatever it says about each tool must match
 * what the file system says, and what it says about VNC/xrdp must match `systemctl is-enabled`.
 */
describe.skipIf(process.platform !== 'linux')('remote access on this Linux machine', () => {
  let section: Section<'remoteAccess'> | undefined;
  beforeAll(async () => {
    section = (await collectInventory({ only: ['remoteAccess'], budgetMs: 30_000 })).sections.remoteAccess;
  }, 40_000);

  it('is an ok section whose handles are exactly the tools whose config files exist', () => {
    expect(section?.status, section?.error).toBe('ok');
    const data = RemoteAccessDataSchema.parse(section?.data);
    const installed = {
      anydesk: existsSync('/etc/anydesk/system.conf') || existsSync('/etc/anydesk/service.conf'),
      teamviewer: existsSync('/etc/teamviewer/global.conf') || existsSync('/opt/teamviewer/config/global.conf'),
      meshcentral: existsSync('/usr/local/mesh_services/meshagent/meshagent.msh') || existsSync('/usr/local/mesh/meshagent.msh'),
    };
    for (const [tool, present] of Object.entries(installed)) expect(data.handles.some((h) => h.tool === tool), tool).toBe(present);
  });

  it.skipIf(!hasSystemctl)('says VNC and RDP are on exactly when systemd starts one of their units', () => {
    const data = RemoteAccessDataSchema.parse(section?.data);
    const vnc = ['x11vnc.service', 'vncserver-x11-serviced.service', 'gnome-remote-desktop.service', 'vino-server.service'].some(unitEnabled);
    const rdp = unitEnabled('xrdp.service');
    expect(data.services.find((s) => s.service === 'vnc')?.enabled).toBe(vnc);
    expect(data.services.find((s) => s.service === 'rdp')?.enabled).toBe(rdp);
  });
});
