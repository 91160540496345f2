import type { RemoteAccessData, RemoteHandle } from '@deskside/shared/inventory';

import { asObject } from '../common/values.js';
import { chromeRemoteDesktopHandle, handle, meshHandle, rustDeskHandle } from './handles.js';
import { parseAnyDeskId } from './parse-anydesk.js';
import { parseChromeRemoteDesktopHost } from './parse-chrome-remote-desktop.js';
import { parseMeshAgentMsh } from './parse-meshagent.js';
import { parseRustDeskConfig } from './parse-rustdesk.js';
import { parseDenyTsConnections } from './parse-services.js';
import { parseTeamViewerRegistryValue } from './parse-teamviewer.js';

const TS_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server (fDenyTSConnections)';

interface FileLines {
  readonly path: string;
  readonly lines: string | null;
  readonly error: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** PowerShell prints a one-element array as the element itself; both become a list here. */
const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);

function fileLines(v: unknown): FileLines | null {
  const o = asObject(v);
  const path = str(o?.path);
  if (o === null || path === null) return null;
  return { path, lines: arrayOf(o.lines).filter((l): l is string => typeof l === 'string').join('\n'), error: str(o.error) };
}

const failed = (tool: RemoteHandle['tool'], f: FileLines): RemoteHandle => handle(tool, f.path, { problem: (f.error ?? 'unreadable').slice(0, 512) });

function anyDesk(v: unknown): RemoteHandle | null {
  const files = arrayOf(v).map(fileLines).filter((f): f is FileLines => f !== null);
  for (const f of files) {
    const id = f.lines === null ? null : parseAnyDeskId(f.lines);
    if (id !== null) return handle('anydesk', f.path, { id });
  }
  const first = files[0];
  if (first === undefined) return null;
  return first.error !== null ? failed('anydesk', first) : handle('anydesk', first.path, { problem: 'no ID in the config yet (AnyDesk has not registered)' });
}

function teamViewer(v: unknown): RemoteHandle | null {
  const keys = arrayOf(v).map(asObject).filter((o): o is Record<string, unknown> => o !== null);
  for (const k of keys) {
    const id = parseTeamViewerRegistryValue(k.ClientID);
    if (id !== null) return handle('teamviewer', `${str(k.key) ?? 'HKLM\\SOFTWARE\\TeamViewer'} (ClientID)`, { id });
  }
  const first = keys[0];
  return first === undefined ? null : handle('teamviewer', `${str(first.key) ?? 'HKLM\\SOFTWARE\\TeamViewer'} (ClientID)`, { problem: 'no ClientID in the registry yet' });
}

function rustDesk(main: unknown, options: unknown): RemoteHandle | null {
  const f = fileLines(main);
  if (f === null) return null;
  if (f.error !== null) return failed('rustdesk', f);
  return rustDeskHandle(f.path, parseRustDeskConfig(f.lines, fileLines(options)?.lines ?? null));
}

const MESH_KEY = 'HKLM\\SOFTWARE\\Open Source\\Mesh Agent (NodeId)';

function mesh(v: unknown, nodeIdValue: unknown): RemoteHandle | null {
  const nodeId = str(nodeIdValue)?.trim().slice(0, 256) ?? null;
  const f = fileLines(v);
  if (f === null) return nodeId === null ? null : handle('meshcentral', MESH_KEY, { id: nodeId });
  if (f.error !== null) return { ...failed('meshcentral', f), id: nodeId };
  const config = f.lines === null ? null : parseMeshAgentMsh(f.lines);
  return config === null ? handle('meshcentral', f.path, { id: nodeId, problem: 'the .msh file names no server or group' }) : meshHandle(f.path, config, nodeId);
}

function chromeRemoteDesktop(v: unknown, serviceInstalled: unknown): RemoteHandle | null {
  const o = asObject(v);
  const path = str(o?.path);
  if (o !== null && path !== null) {
    if (str(o.error) !== null) return handle('chrome-remote-desktop', path, { problem: (str(o.error) ?? '').slice(0, 512) });
    const host = parseChromeRemoteDesktopHost(JSON.stringify({ host_id: o.host_id, host_name: o.host_name, host_owner: o.host_owner }));
    if (host !== null) return chromeRemoteDesktopHandle(path, host);
  }
  return serviceInstalled === true ? handle('chrome-remote-desktop', 'service chromoting', { problem: 'installed; remote access not set up' }) : null;
}

/** The remote-access script's JSON (windows-script.ts) → the section. */
export function parseWindowsRemoteAccess(stdout: string): RemoteAccessData {
  const parsed: unknown = JSON.parse(stdout.trim() === '' ? '{}' : stdout);
  const r = asObject(parsed) ?? {};
  const handles = [anyDesk(r.anydesk), teamViewer(r.teamviewer), rustDesk(r.rustdesk, r.rustdeskOptions), mesh(r.mesh, r.meshNodeId), chromeRemoteDesktop(r.crd, r.crdService)].filter(
    (h): h is RemoteHandle => h !== null,
  );
  return {
    handles,
    services: [{ service: 'rdp', enabled: parseDenyTsConnections(r.fDenyTSConnections), product: 'Remote Desktop Services', source: TS_KEY }],
  };
}
