import type { InventoryDocument } from '@deskside/shared';

const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? 'unknown' : v ? yes : no);

/**
 * One line per protection category from the last inventory, for the ticket's "protection summary"
 * diagnostic item. A section that is not ok says so (and why) instead of pretending "off".
 */
export function protectionDigest(doc: InventoryDocument): Record<string, { status: string; headline: string | null; error: string | null }> {
  const out: Record<string, { status: string; headline: string | null; error: string | null }> = {};
  const s = doc.sections;
  const entry = (status: string, error: string | undefined, headline: string | null) => ({ status, headline: status === 'ok' ? headline : null, error: error ?? null });
  if (s.antivirus) {
    const products = s.antivirus.data?.products ?? [];
    out.antivirus = entry(
      s.antivirus.status,
      s.antivirus.error,
      products.length === 0 ? 'no antivirus product found' : products.map((p) => `${p.name} ${p.mode}${p.signaturesUpToDate === false ? ' (signatures out of date)' : ''}`).join(', '),
    );
  }
  if (s.firewall) out.firewall = entry(s.firewall.status, s.firewall.error, s.firewall.data ? yesNo(s.firewall.data.enabled, 'on', 'off') : null);
  if (s.encryption) {
    out.encryption = entry(s.encryption.status, s.encryption.error, s.encryption.data ? `system volume ${yesNo(s.encryption.data.systemVolumeProtected, 'protected', 'not protected')}` : null);
  }
  if (s.updates) {
    const u = s.updates.data;
    out.updates = entry(
      s.updates.status,
      s.updates.error,
      u
        ? [
            u.pendingUpdates !== null ? `${u.pendingUpdates} pending` : null,
            u.pendingSecurityUpdates !== null ? `${u.pendingSecurityUpdates} security` : null,
            u.pendingReboot ? 'restart pending' : null,
            u.lastInstalled?.at ? `last installed ${u.lastInstalled.at.slice(0, 10)}` : null,
          ]
            .filter(Boolean)
            .join(', ') || 'no update information'
        : null,
    );
  }
  if (s.backup) out.backup = entry(s.backup.status, s.backup.error, s.backup.data ? `backup ${s.backup.data.overall}` : null);
  return out;
}
