import { CATEGORIES, type Category, type InventoryDocument, type Sections, type UserScopeEntry } from '@deskside/shared';

import { mergeUsers } from './merge-users.js';

export interface StoredInventory {
  readonly collectedAt: number;
  readonly receivedAt: number;
  readonly agentVersion: string;
  readonly sections: Sections;
  readonly sectionUpdatedAt: Partial<Record<Category, number>>;
  /** Each signed-in user's own sections (proxy, OneDrive, File History, Déjà Dup), newest first. */
  readonly users: readonly UserScopeEntry[];
}

/**
 * The device's latest inventory after an upload. A full document replaces every section it carries
 * and drops categories it no longer reports (the agent disabled them); a partial one replaces only the
 * sections it carries and keeps the rest.
 */
export function mergeInventory(previous: StoredInventory | null, doc: InventoryDocument, receivedAt: number): StoredInventory {
  const collectedAt = Date.parse(doc.collectedAt);
  const sections: Record<string, unknown> = doc.kind === 'full' || previous === null ? {} : { ...previous.sections };
  const sectionUpdatedAt: Partial<Record<Category, number>> = doc.kind === 'full' || previous === null ? {} : { ...previous.sectionUpdatedAt };
  for (const category of CATEGORIES) {
    const incoming = doc.sections[category];
    if (incoming === undefined) continue;
    sections[category] = incoming;
    sectionUpdatedAt[category] = collectedAt;
  }
  return {
    // An older partial arriving late must not make the whole inventory look older than it is.
    collectedAt: previous === null || doc.kind === 'full' ? collectedAt : Math.max(previous.collectedAt, collectedAt),
    receivedAt,
    agentVersion: doc.agentVersion,
    sections: sections as Sections,
    sectionUpdatedAt,
    users: mergeUsers(previous?.users ?? [], doc),
  };
}
