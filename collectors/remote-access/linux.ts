import type { RemoteAccessData, RemoteHandle, RemoteService } from '@deskside/shared/inventory';

import { probeRun } from '../protection/probe.js';
import type { CollectContext } from '../types.js';
import { handle, unreadable } from './handles.js';
import { parseLinuxRemoteUnits } from './parse-services.js';
import { parseTeamViewerGlobalConf } from './parse-teamviewer.js';
import { anyDesk, chromeRemoteDesktopConfig, meshAgent, rustDesk } from './posix-handles.js';
import { listOrEmpty, readFirst } from './read-config.js';

const CRD_BINARY = '/opt/google/chrome-remote-desktop/chrome-remote-desktop';
/** Bounds the home folders looked through on a shared machine. */
const MAX_HOMES = 200;

async function teamViewer(ctx: CollectContext): Promise<RemoteHandle | null> {
  // /etc/teamviewer is a link to /opt/teamviewer/config on TeamViewer's own packages.
  const read = await readFirst(ctx, ['/etc/teamviewer/global.conf', '/opt/teamviewer/config/global.conf']);
  if (read === null) return null;
  if (read.probe.kind !== 'ok') return unreadable('teamviewer', read.path, read.probe);
  const id = parseTeamViewerGlobalConf(read.probe.value);
  return handle('teamviewer', read.path, { id, problem: id === null ? 'no ClientID in the config yet' : null });
}

/**
 * Chrome Remote Desktop on Linux runs per user: each user who set up remote access has
 * `~/.config/chrome-remote-desktop/host#<hash>.json`. The package alone means installed, not set up.
 */
async function chromeRemoteDesktop(ctx: CollectContext): Promise<RemoteHandle[]> {
  const hosts: RemoteHandle[] = [];
  for (const user of (await listOrEmpty(ctx, '/home')).slice(0, MAX_HOMES)) {
    const dir = `/home/${user}/.config/chrome-remote-desktop`;
    for (const file of await listOrEmpty(ctx, dir)) {
      if (!/^host#[0-9a-f]+\.json$/i.test(file)) continue;
      const host = await chromeRemoteDesktopConfig(ctx, `${dir}/${file}`);
      if (host) hosts.push(host);
    }
  }
  if (hosts.length > 0) return hosts;
  return (await ctx.system.fileExists(CRD_BINARY).catch(() => false)) ? [handle('chrome-remote-desktop', CRD_BINARY, { problem: 'installed; no user has set up remote access' })] : [];
}

async function services(ctx: CollectContext): Promise<RemoteService[]> {
  const run = await probeRun(ctx, 'systemctl', ['list-unit-files', '--type=service', '--no-legend', '--no-pager'], { env: { LC_ALL: 'C' } });
  if (run.kind === 'ok' && run.value.exitCode === 0) return parseLinuxRemoteUnits(run.value.stdout);
  const source = `systemctl list-unit-files (${run.kind === 'ok' ? `exit ${run.value.exitCode}` : run.detail})`.slice(0, 1024);
  return [
    { service: 'vnc', enabled: null, product: null, source },
    { service: 'rdp', enabled: null, product: null, source },
  ];
}

/** AnyDesk, TeamViewer, RustDesk (root's profile: the service's), MeshCentral, Chrome Remote Desktop; VNC and xrdp units. */
export async function collectLinuxRemoteAccess(ctx: CollectContext): Promise<RemoteAccessData> {
  const found = await Promise.all([
    anyDesk(ctx, ['/etc/anydesk/system.conf', '/etc/anydesk/service.conf']),
    teamViewer(ctx),
    rustDesk(ctx, '/root/.config/rustdesk'),
    meshAgent(ctx, ['/usr/local/mesh_services/meshagent/meshagent.msh', '/usr/local/mesh/meshagent.msh']),
  ]);
  const handles = [...found.filter((h): h is RemoteHandle => h !== null), ...(await chromeRemoteDesktop(ctx))];
  return { handles, services: await services(ctx) };
}
