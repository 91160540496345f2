import { join } from 'node:path';

import type { CredentialStore, StoredCredential } from '../host.js';
import { flushOutbox } from '../outbox/delivery.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import type { Outbox, OutboxCaps } from '../outbox/outbox.js';
import { summarize } from '../outbox/outbox.js';
import type { StateStore } from '../state/agent-state.js';
import type { EventHub } from '../support/events.js';
import { tryLock } from '../support/process-lock.js';
import type { DeviceEnrollment } from './device-enrollment.js';
import type { ServerConnection } from './server-connection.js';

export interface DeliveryDeps {
  readonly dataDir: string;
  readonly outbox: Outbox;
  readonly state: StateStore;
  readonly credentials: CredentialStore;
  readonly enrollment: DeviceEnrollment;
  readonly connection: ServerConnection;
  readonly hub: EventHub;
  readonly caps: OutboxCaps;
  readonly now: () => Date;
  readonly random: () => number;
}

export interface DeliveryResult {
  readonly delivered: string[];
  readonly errors: string[];
}

/**
 * Delivers what waits in the outbox, one process at a time (`deliver.lock`): the age cap first, then
 * each item in turn; a refused credential is handled once (recovered, re-enrolled or given up) and the
 * rest delivered with the new one. An acknowledged inventory moves the delta base forward.
 */
export async function deliverQueued(d: DeliveryDeps, ignoreBackoff: boolean, retryFailed = false): Promise<DeliveryResult> {
  for (const message of await d.outbox.enforceAge(d.caps.maxAgeMs)) d.hub.emit({ type: 'outbox-warning', message });
  const credential = await d.credentials.load();
  if (!credential) return { delivered: [], errors: (await d.outbox.list()).length > 0 ? ['not enrolled: queued items wait for enrollment'] : [] };
  const release = await tryLock(join(d.dataDir, 'deliver.lock'));
  if (!release) return { delivered: [], errors: ['another Deskside agent process on this machine is delivering the queue right now'] };
  try {
    return await deliverRounds(d, credential, ignoreBackoff, retryFailed);
  } finally {
    await release();
  }
}

async function deliverRounds(d: DeliveryDeps, credential: StoredCredential, ignoreBackoff: boolean, retryFailed: boolean): Promise<DeliveryResult> {
  const delivered: string[] = [];
  const errors: string[] = [];
  let api = await d.connection.api(credential);
  for (let round = 0; round < 2; round += 1) {
    const result = await flushOutbox(d.outbox, api, {
      now: d.now,
      random: d.random,
      ignoreBackoff,
      retryFailed,
      onDelivered: (item, res) => onDelivered(d, item, res.bytesSent),
      onFailed: (item, permanent, message) => d.hub.emit({ type: 'delivery-failed', item, permanent, message }),
    });
    delivered.push(...result.delivered.map((i) => i.id));
    errors.push(...result.errors);
    if (!result.unauthorized) break;
    const renewed = await d.enrollment.handleUnauthorized();
    if (!renewed) break;
    api = await d.connection.api(renewed);
  }
  if (errors.length > 0) await d.state.update(() => ({ lastError: errors[errors.length - 1] ?? null }));
  return { delivered, errors };
}

async function onDelivered(d: DeliveryDeps, item: OutboxItem, bytesSent: number): Promise<void> {
  d.hub.emit({ type: 'delivered', item: summarize(item) });
  if (item.kind !== 'inventory' || !item.inventory) return;
  const inv = item.inventory;
  const at = d.now().toISOString();
  await d.state.update((s) => ({
    ackedSectionHashes: inv.sectionHashes,
    lastInventoryAt: at,
    lastInventoryKind: inv.kind,
    ...(inv.kind === 'full' ? { lastFullInventoryAt: at, fullInventoryRequested: false } : {}),
    nextInventoryAt: s.nextInventoryAt,
  }));
  d.hub.emit({ type: 'inventory-uploaded', kind: inv.kind, bytesSent });
}
