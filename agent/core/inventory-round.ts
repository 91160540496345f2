import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import type { InventoryUpload } from '@deskside/shared';
import { supportIdOf } from '@deskside/shared/inventory';

import { compactInventoryJson } from '../../collectors/compact-json.js';
import type { SyncResult } from '../agent-types.js';
import type { AgentSettings } from '../config/settings-schema.js';
import { computeDelta } from '../inventory/delta.js';
import type { InventorySource } from '../inventory/inventory-source.js';
import { summarizeInventory } from '../inventory/inventory-summary.js';
import type { Outbox, OutboxCaps } from '../outbox/outbox.js';
import { jittered } from '../schedule/timing.js';
import type { StateStore } from '../state/agent-state.js';
import type { EventHub } from '../support/events.js';
import { addUserScope } from '../user-scope/add-user-scope.js';

const HOUR = 3_600_000;

export interface InventoryRoundDeps {
  readonly dataDir: string;
  readonly inventory: InventorySource;
  readonly state: StateStore;
  readonly outbox: Outbox;
  readonly hub: EventHub;
  readonly settings: AgentSettings;
  readonly caps: OutboxCaps;
  readonly now: () => Date;
  readonly random: () => number;
}

/**
 * Collects this machine's inventory and queues what the server does not have yet: the changed
 * sections (or all of them when a full one is due or asked for) and the signed-in users' own sections
 * that changed. A queued older inventory is superseded. Schedules the next collection.
 */
export async function queueInventory(d: InventoryRoundDeps, forceFull: boolean, signal?: AbortSignal): Promise<SyncResult['inventory']> {
  const collected = await d.inventory.collect({
    disabledCategories: d.settings.disabledCategories,
    backupStaleDays: d.settings.backupStaleDays,
    cacheDir: join(d.dataDir, 'cache'),
    ...(signal ? { signal } : {}),
  });
  const state = d.state.get();
  const machineDelta = computeDelta({
    document: collected,
    ackedHashes: state.ackedSectionHashes,
    lastFullAt: state.lastFullInventoryAt,
    now: d.now(),
    forceFull: forceFull || state.fullInventoryRequested,
  });
  // Signed-in users' own sections (recordUserScope), by hash like the sections.
  const delta = await addUserScope(d.dataDir, d.now, machineDelta, state.ackedSectionHashes);
  // The new delta is computed against what the server has, so an older queued inventory is superseded.
  for (const old of await d.outbox.list()) if (old.kind === 'inventory') await d.outbox.remove(old.id);
  const upload: InventoryUpload = { uploadId: randomUUID(), document: delta.document };
  // The compact form leaves out unknown package values; the server's schema reads them back as null.
  const json = `{"uploadId":${JSON.stringify(upload.uploadId)},"document":${compactInventoryJson(upload.document)}}`;
  const body = gzipSync(Buffer.from(json, 'utf8'));
  const { warnings } = await d.outbox.enqueue(
    {
      id: upload.uploadId,
      kind: 'inventory',
      label: `${delta.kind} inventory (${delta.reason})`,
      body,
      inventory: { kind: delta.kind, sections: [...delta.changed], sectionHashes: { ...delta.hashes } },
    },
    d.caps,
  );
  for (const message of warnings) d.hub.emit({ type: 'outbox-warning', message });
  await d.state.update(() => ({
    lastInventorySummary: summarizeInventory(collected),
    // A section that was not collected (switched off, failed) keeps what the last good one said.
    ...(collected.sections.remoteAccess?.data ? { supportId: supportIdOf(collected.sections.remoteAccess.data) } : {}),
    nextInventoryAt: new Date(d.now().getTime() + jittered(d.settings.inventoryIntervalHours * HOUR, d.random)).toISOString(),
  }));
  return { kind: delta.kind, sections: delta.changed, queuedId: upload.uploadId };
}
