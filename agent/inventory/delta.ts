import type { Category, InventoryDocument, Sections } from '@deskside/shared';
import { CATEGORIES } from '@deskside/shared';

import { sectionHash } from './section-hash.js';

export const FULL_INVENTORY_EVERY_MS = 7 * 24 * 60 * 60 * 1000;

export interface DeltaInput {
  /** A complete collection (kind "full", every enabled section). */
  readonly document: InventoryDocument;
  /** Hashes the server acknowledged last time. */
  readonly ackedHashes: Readonly<Record<string, string>>;
  readonly lastFullAt: string | null;
  readonly now: Date;
  /** The user ("sync --full") or the server (check-in) asked for everything. */
  readonly forceFull: boolean;
}

export interface DeltaOutput {
  readonly document: InventoryDocument;
  readonly kind: 'full' | 'partial';
  readonly changed: readonly Category[];
  /** Hashes of every section in the collection: acknowledged together with this upload. */
  readonly hashes: Readonly<Record<string, string>>;
  readonly reason: string;
}

/**
 * Turn a complete collection into what to send. A partial upload carries only sections whose hash
 * differs from the acknowledged one; a full upload goes out when nothing was acknowledged yet, after a
 * week, when asked, or when a section disappeared (a partial cannot say "removed").
 */
export function computeDelta(input: DeltaInput): DeltaOutput {
  const sections = input.document.sections;
  const hashes: Record<string, string> = {};
  for (const category of CATEGORIES) {
    const s = sections[category];
    if (s) hashes[category] = sectionHash(category, s);
  }
  const acked = input.ackedHashes;
  const changed = CATEGORIES.filter((c) => hashes[c] !== undefined && hashes[c] !== acked[c]);
  // Only categories: users' hashes (prefixed "user:") are the user-scope delta's to judge.
  const removed = Object.keys(acked).filter((c) => (CATEGORIES as readonly string[]).includes(c) && hashes[c] === undefined);

  let reason: string | null = null;
  if (input.forceFull) reason = 'requested';
  else if (!CATEGORIES.some((c) => acked[c] !== undefined)) reason = 'first upload';
  else if (input.lastFullAt === null || input.now.getTime() - Date.parse(input.lastFullAt) >= FULL_INVENTORY_EVERY_MS) reason = 'weekly full inventory';
  else if (removed.length > 0) reason = `sections no longer collected: ${removed.join(', ')}`;

  if (reason !== null) return { document: { ...input.document, kind: 'full' }, kind: 'full', changed: CATEGORIES.filter((c) => hashes[c] !== undefined), hashes, reason };

  const partial: Sections = {};
  for (const c of changed) (partial as Record<string, unknown>)[c] = sections[c];
  return {
    document: { ...input.document, kind: 'partial', sections: partial },
    kind: 'partial',
    changed,
    hashes,
    reason: changed.length === 0 ? 'unchanged' : `changed: ${changed.join(', ')}`,
  };
}
