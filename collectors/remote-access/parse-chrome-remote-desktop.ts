export interface ChromeRemoteDesktopHost {
  readonly hostId: string | null;
  readonly hostName: string | null;
  readonly owner: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 256) : null);

/**
 * A Chrome Remote Desktop host config (`host.json`, `org.chromium.chromoting.json`, `host#<hash>.json`).
 * It also holds the host's private key and an OAuth refresh token: only the host id, name and owner
 * are picked out, nothing else of the object is kept.
 */
export function parseChromeRemoteDesktopHost(text: string): ChromeRemoteDesktopHost | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  const host = { hostId: str(o.host_id), hostName: str(o.host_name), owner: str(o.host_owner_email) ?? str(o.host_owner) };
  return host.hostId === null && host.hostName === null ? null : host;
}
