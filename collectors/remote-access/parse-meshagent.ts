import { configValue } from './parse-key-value.js';

export interface MeshAgentConfig {
  readonly server: string | null;
  readonly meshId: string | null;
  readonly meshName: string | null;
  readonly serverId: string | null;
}

/**
 * MeshCentral's `meshagent.msh`: `key=value` lines written by the server (MeshName, MeshType, MeshID,
 * ServerID, MeshServer=wss://host:443/agent.ashx). The node id is the hash of the agent's own
 * certificate, kept in its database, not in this file: the group and server identify the device.
 */
export function parseMeshAgentMsh(text: string): MeshAgentConfig | null {
  const server = configValue(text, 'MeshServer');
  const meshId = configValue(text, 'MeshID');
  const serverId = configValue(text, 'ServerID');
  if (server === null && meshId === null && serverId === null) return null;
  // "local" means the agent finds its server by multicast on the LAN: no URL to show.
  return { server: server === 'local' ? null : server, meshId, meshName: configValue(text, 'MeshName'), serverId };
}
