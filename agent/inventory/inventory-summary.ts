import type { InventoryDocument } from '@deskside/shared';
import { CATEGORIES, summarizeProtection } from '@deskside/shared';

/**
 * A few lines a technician reads first, kept for ticket diagnostics ("last inventory" and "protection
 * summary" items). The protection findings are the shared summary the console and the tray also show,
 * computed as of the collection: a ticket says what the inventory found, not a guess about today.
 */
export function summarizeInventory(doc: InventoryDocument): Record<string, unknown> {
  const system = doc.sections.system?.data ?? null;
  const hardware = doc.sections.hardware?.data ?? null;
  const storage = doc.sections.storage?.data ?? null;
  const software = doc.sections.software?.data ?? null;
  const statuses: Record<string, string> = {};
  for (const c of CATEGORIES) {
    const s = doc.sections[c];
    if (s) statuses[c] = s.status;
  }
  return {
    collectedAt: doc.collectedAt,
    hostname: doc.device.hostname,
    os: system ? `${system.os.name}${system.os.version ? ` ${system.os.version}` : ''}${system.os.build ? ` (${system.os.build})` : ''}` : null,
    model: system ? [system.manufacturer, system.model].filter(Boolean).join(' ') || null : null,
    serial: doc.device.serial,
    memoryBytes: hardware?.memory.totalBytes ?? null,
    volumes: storage ? storage.volumes.map((v) => ({ mount: v.mount, freeBytes: v.freeBytes, freePercent: v.freePercent })) : null,
    packages: software ? software.packages.length : null,
    sectionStatus: statuses,
    protection: summarizeProtection(doc.sections, new Date(doc.collectedAt)),
  };
}
