import { isoFromLocalText } from '../protection/dates.js';
import { parseColonPairs } from '../protection/text.js';

export interface TmDestination {
  readonly name: string | null;
  readonly kind: 'local' | 'network' | 'cloud' | 'unknown';
  readonly id: string | null;
  readonly mountPoint: string | null;
  readonly url: string | null;
}

/**
 * `tmutil destinationinfo`: blocks separated by "=====" lines (the current one may be marked ">"),
 * each "Name : …", "Kind : Local|Network", "Mount Point : …", "URL : …", "ID : …";
 * "No destinations configured." when Time Machine is not set up.
 */
export function parseDestinationInfo(text: string): { readonly configured: boolean; readonly destinations: readonly TmDestination[] } {
  if (/No destinations configured/i.test(text)) return { configured: false, destinations: [] };
  const destinations: TmDestination[] = [];
  for (const block of text.split(/^>?\s*=+\s*$/m)) {
    const pairs = parseColonPairs(block.replace(/^>\s*/gm, ''));
    const name = pairs.get('name') || null;
    const id = pairs.get('id') || null;
    if (name == null && id == null) continue;
    const kindWord = (pairs.get('kind') ?? '').toLowerCase();
    destinations.push({
      name,
      kind: kindWord === 'local' ? 'local' : kindWord === 'network' ? 'network' : 'unknown',
      id,
      mountPoint: pairs.get('mount point') || null,
      url: pairs.get('url') || null,
    });
  }
  if (destinations.length === 0) throw new Error(`tmutil destinationinfo printed no destination: ${text.trim().slice(0, 200)}`);
  return { configured: true, destinations };
}

/**
 * `tmutil latestbackup`: the newest snapshot's path, named by its local start time, e.g.
 * "/Volumes/B/Backups.backupdb/Mac/2024-10-01-101010" or "…/2024-10-01-101010.backup".
 */
export function parseLatestBackup(text: string, utcOffsetMinutes: number): string | null {
  const stamps = [...text.matchAll(/(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})/g)];
  const last = stamps.at(-1);
  if (!last) return null;
  return isoFromLocalText(`${last[1]}-${last[2]}-${last[3]} ${last[4]}:${last[5]}:${last[6]}`, utcOffsetMinutes);
}

/** tmutil's own words when TCC stops it ("requires Full Disk Access privileges"). */
export function mentionsFullDiskAccess(text: string): boolean {
  return /Full Disk Access|Operation not permitted/i.test(text);
}
