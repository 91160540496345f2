import { z } from 'zod';

import { list, maybeText, text, triState } from '../limits.js';

/**
 * Remote-assistance handles: the IDs a technician types (or clicks) to reach this machine, and whether
 * the OS's own remote desktop services are switched on. Only identifiers leave the machine: the same
 * files hold passwords, salts and tokens, and no parser reads those lines.
 */

export const REMOTE_TOOLS = ['anydesk', 'teamviewer', 'rustdesk', 'meshcentral', 'chrome-remote-desktop'] as const;
export const RemoteToolSchema = z.enum(REMOTE_TOOLS);
export type RemoteTool = z.infer<typeof RemoteToolSchema>;

export const RemoteHandleSchema = z.strictObject({
  tool: RemoteToolSchema,
  /** What a technician connects to: AnyDesk/TeamViewer/RustDesk ID, MeshCentral node id, CRD host id. Null: installed, ID not readable. */
  id: maybeText(256),
  /** Where the tool reports to when that is self-hosted: MeshCentral's server, RustDesk's rendezvous server. */
  server: maybeText(1024),
  /** MeshCentral's device group (mesh) id and name, CRD's host name: what a technician looks for in the tool. */
  group: maybeText(256),
  label: maybeText(256),
  /** Why the ID is missing when it is (e.g. "needs root"); null when read. */
  problem: maybeText(512),
  /** The file or registry key it came from. */
  source: text(1024),
});
export type RemoteHandle = z.infer<typeof RemoteHandleSchema>;

export const REMOTE_SERVICES = ['rdp', 'screen-sharing', 'remote-management', 'vnc'] as const;
export const RemoteServiceKindSchema = z.enum(REMOTE_SERVICES);
export type RemoteServiceKind = z.infer<typeof RemoteServiceKindSchema>;

export const RemoteServiceSchema = z.strictObject({
  service: RemoteServiceKindSchema,
  /** True on, false off, null when it could not be read. */
  enabled: triState,
  /** Which implementation, where several exist (x11vnc, TigerVNC, gnome-remote-desktop, vino, xrdp). */
  product: maybeText(),
  source: text(1024),
});
export type RemoteService = z.infer<typeof RemoteServiceSchema>;

export const RemoteAccessDataSchema = z.strictObject({
  handles: list(RemoteHandleSchema, 32),
  services: list(RemoteServiceSchema, 16),
});
export type RemoteAccessData = z.infer<typeof RemoteAccessDataSchema>;

/** Display names; vendors' own spelling, the same in every language. */
export const REMOTE_TOOL_NAMES: Readonly<Record<RemoteTool, string>> = {
  anydesk: 'AnyDesk',
  teamviewer: 'TeamViewer',
  rustdesk: 'RustDesk',
  meshcentral: 'MeshCentral',
  'chrome-remote-desktop': 'Chrome Remote Desktop',
};

/** Tools whose ID a user can read out over the phone, most common first: the tray's "support ID". */
const SUPPORT_ID_ORDER: readonly RemoteTool[] = ['anydesk', 'teamviewer', 'rustdesk'];

export const SupportIdSchema = z.strictObject({ tool: RemoteToolSchema, id: text(256) });
export type SupportId = z.infer<typeof SupportIdSchema>;

/** The first handle a user can read out to the help desk, or null when none is installed with an ID. */
export function supportIdOf(data: RemoteAccessData | null | undefined): SupportId | null {
  for (const tool of SUPPORT_ID_ORDER) {
    const handle = data?.handles.find((h) => h.tool === tool && h.id !== null);
    if (handle?.id != null) return { tool, id: handle.id };
  }
  return null;
}

const DIGITS = /^\d{6,12}$/;
const RUSTDESK_ID = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * The link that opens the technician's own client on this handle, where the vendor documents one:
 * `anydesk:<id>`, TeamViewer's `teamviewer10://control?device=<id>`, `rustdesk://<id>`, and the
 * MeshCentral server's web console (its agent URL `wss://host/agent.ashx` → `https://host/`). Chrome
 * Remote Desktop hosts belong to one Google account and have no per-host link. IDs that do not look
 * like the tool's IDs get no link: a crafted config file must not become a clickable URL.
 */
export function remoteConnectUrl(handle: Pick<RemoteHandle, 'tool' | 'id' | 'server'>): string | null {
  const id = handle.id?.trim() ?? '';
  switch (handle.tool) {
    case 'anydesk':
      return DIGITS.test(id) ? `anydesk:${id}` : null;
    case 'teamviewer':
      return DIGITS.test(id) ? `teamviewer10://control?device=${id}` : null;
    case 'rustdesk':
      return RUSTDESK_ID.test(id) ? `rustdesk://${id}` : null;
    case 'meshcentral':
      return meshConsoleUrl(handle.server);
    case 'chrome-remote-desktop':
      return null;
    default: {
      const unreachable: never = handle.tool;
      return unreachable;
    }
  }
}

/** MeshCentral's web console from the agent's server URL; only wss/https hosts make a link. */
export function meshConsoleUrl(server: string | null): string | null {
  if (server === null) return null;
  try {
    const url = new URL(server.trim());
    if (url.protocol !== 'wss:' && url.protocol !== 'https:') return null;
    if (url.username !== '' || url.password !== '') return null;
    return `https://${url.host}/`;
  } catch {
    return null;
  }
}
