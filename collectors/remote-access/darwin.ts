import type { RemoteAccessData, RemoteHandle, RemoteService } from '@deskside/shared/inventory';

import { probeRun } from '../protection/probe.js';
import type { CollectContext } from '../types.js';
import { handle, unreadable } from './handles.js';
import { parseLaunchctlScreenSharing, parseRemoteManagementLaunchd } from './parse-services.js';
import { parseTeamViewerPlist } from './parse-teamviewer.js';
import { anyDesk, chromeRemoteDesktopConfig, meshAgent, rustDesk } from './posix-handles.js';
import { listOrEmpty, readFirstBinary, readText } from './read-config.js';

const TEAMVIEWER_PLIST = '/Library/Preferences/com.teamviewer.teamviewer.preferences.plist';
const REMOTE_MANAGEMENT = '/Library/Application Support/Apple/Remote Desktop/RemoteManagement.launchd';

async function teamViewer(ctx: CollectContext): Promise<RemoteHandle | null> {
  // Older versions name the file after their major version (com.teamviewer.teamviewer10.plist).
  const others = (await listOrEmpty(ctx, '/Library/Preferences'))
    .filter((f) => /^com\.teamviewer\.teamviewer[^/]*\.plist$/.test(f))
    .map((f) => `/Library/Preferences/${f}`)
    .filter((p) => p !== TEAMVIEWER_PLIST)
    .sort();
  const read = await readFirstBinary(ctx, [TEAMVIEWER_PLIST, ...others]);
  if (read === null) return null;
  if (read.probe.kind !== 'ok') return unreadable('teamviewer', read.path, read.probe);
  let id: string | null;
  try {
    id = parseTeamViewerPlist(read.probe.value);
  } catch (error) {
    return handle('teamviewer', read.path, { problem: `unreadable plist: ${error instanceof Error ? error.message : String(error)}`.slice(0, 512) });
  }
  return handle('teamviewer', read.path, { id, problem: id === null ? 'no ClientID in the preferences yet' : null });
}

async function services(ctx: CollectContext): Promise<RemoteService[]> {
  const run = await probeRun(ctx, 'launchctl', ['print-disabled', 'system']);
  const screenSharing = run.kind === 'ok' && run.value.exitCode === 0 ? parseLaunchctlScreenSharing(run.value.stdout) : null;
  const management = parseRemoteManagementLaunchd(await readText(ctx, REMOTE_MANAGEMENT));
  return [
    { service: 'screen-sharing', enabled: screenSharing, product: null, source: 'launchctl print-disabled system (com.apple.screensharing)' },
    { service: 'remote-management', enabled: management, product: 'Apple Remote Desktop', source: REMOTE_MANAGEMENT },
  ];
}

/** AnyDesk, TeamViewer, RustDesk (root's profile: its service's), MeshCentral, Chrome Remote Desktop; Screen Sharing and Remote Management. */
export async function collectMacRemoteAccess(ctx: CollectContext): Promise<RemoteAccessData> {
  const found = await Promise.all([
    anyDesk(ctx, ['/Library/Application Support/AnyDesk/system.conf', '/Library/Application Support/AnyDesk/service.conf']),
    teamViewer(ctx),
    rustDesk(ctx, '/var/root/Library/Preferences/com.carriez.RustDesk'),
    meshAgent(ctx, ['/usr/local/mesh_services/meshagent/meshagent.msh']),
    chromeRemoteDesktopConfig(ctx, '/Library/PrivilegedHelperTools/org.chromium.chromoting.json'),
  ]);
  return { handles: found.filter((h): h is RemoteHandle => h !== null), services: await services(ctx) };
}
