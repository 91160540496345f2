import type { RemoteHandle, RemoteTool } from '@deskside/shared/inventory';

import type { Probe } from '../protection/probe.js';
import type { ChromeRemoteDesktopHost } from './parse-chrome-remote-desktop.js';
import type { MeshAgentConfig } from './parse-meshagent.js';
import type { RustDeskConfig } from './parse-rustdesk.js';

type Fields = Partial<Pick<RemoteHandle, 'id' | 'server' | 'group' | 'label' | 'problem'>>;

export const handle = (tool: RemoteTool, source: string, fields: Fields): RemoteHandle => ({
  tool,
  id: fields.id ?? null,
  server: fields.server ?? null,
  group: fields.group ?? null,
  label: fields.label ?? null,
  problem: fields.problem ?? null,
  source,
});

/** A config file that exists but could not be read still says the tool is installed; why is kept. */
export function unreadable(tool: RemoteTool, source: string, probe: Probe<unknown>): RemoteHandle | null {
  switch (probe.kind) {
    case 'ok':
    case 'missing':
      return null;
    case 'denied':
      return handle(tool, source, { problem: 'permission denied (the agent service reads it as root/SYSTEM)' });
    case 'failed':
      return handle(tool, source, { problem: probe.detail.slice(0, 512) });
  }
}

/** `nodeId`: the agent's node id where it is recorded outside the .msh (Windows registry). */
export const meshHandle = (source: string, mesh: MeshAgentConfig, nodeId: string | null = null): RemoteHandle =>
  handle('meshcentral', source, { id: nodeId, server: mesh.server, group: mesh.meshId, label: mesh.meshName });

export const rustDeskHandle = (source: string, config: RustDeskConfig): RemoteHandle =>
  handle('rustdesk', source, { id: config.id, server: config.server, problem: config.id === null ? 'no ID in the config yet (RustDesk has not registered)' : null });

export const chromeRemoteDesktopHandle = (source: string, host: ChromeRemoteDesktopHost): RemoteHandle =>
  handle('chrome-remote-desktop', source, { id: host.hostId, label: host.hostName, group: host.owner });
