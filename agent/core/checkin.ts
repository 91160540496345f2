import { hostname } from 'node:os';

import type { DiagnosticsRequest } from '@deskside/shared';

import { bindDeviceKeyQuietly } from '../enrollment/device-key-enrollment.js';
import type { CredentialStore, Logger } from '../host.js';
import type { DeviceKeyStore } from '../identity/device-key.js';
import type { Outbox } from '../outbox/outbox.js';
import type { StateStore } from '../state/agent-state.js';
import type { EventHub } from '../support/events.js';
import { AGENT_VERSION } from '../version.js';
import type { DeviceEnrollment } from './device-enrollment.js';
import type { ServerConnection } from './server-connection.js';
import type { SettingsKeeper } from './settings-keeper.js';

export interface CheckinDeps {
  readonly outbox: Outbox;
  readonly state: StateStore;
  readonly config: SettingsKeeper;
  readonly enrollment: DeviceEnrollment;
  readonly connection: ServerConnection;
  readonly credentials: CredentialStore;
  readonly deviceKeys: DeviceKeyStore;
  readonly hub: EventHub;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Collects and queues the fresh diagnostics technicians asked for. */
  readonly requestedDiagnostics: (requests: readonly DiagnosticsRequest[]) => Promise<number>;
}

/**
 * One check-in: tell the server we are here (version, host name, queue length, tag) and take what it
 * has for us: pushed settings, "send a full inventory", ticket updates since our cursor, and whether
 * our device key is bound yet, and fresh diagnostics technicians asked for.
 */
export async function checkIn(d: CheckinDeps): Promise<void> {
  const queued = (await d.outbox.list()).length;
  const tag = await d.config.recordedTag();
  const res = await d.enrollment.withCredential((api) =>
    api.checkin({
      agentVersion: AGENT_VERSION,
      hostname: hostname().slice(0, 256) || 'unknown',
      ticketCursor: d.state.get().ticketCursor,
      outboxItems: queued,
      ...(tag ? { tag } : {}),
    }),
  );
  const tickets = new Map(d.state.get().tickets.map((t) => [t.id, t]));
  for (const update of res.ticketUpdates) tickets.set(update.ticket.id, update.ticket);
  await d.state.update((s) => ({
    lastCheckinAt: d.now().toISOString(),
    pushedSettings: res.settings,
    fullInventoryRequested: s.fullInventoryRequested || res.sendFullInventory,
    ticketCursor: res.ticketCursor,
    tickets: [...tickets.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 200),
    lastError: null,
  }));
  await d.config.reload();
  // A device enrolled before device keys: bind ours so that only this machine can re-enroll it.
  const unbound = res.keyBound === false ? await d.credentials.load() : null;
  if (unbound) await bindDeviceKeyQuietly(await d.connection.api(unbound), d.deviceKeys, unbound.deviceId, d.logger);
  // After the state is saved: a slow collection must not cost the check-in itself.
  if (res.diagnosticsRequests !== undefined && res.diagnosticsRequests.length > 0) await d.requestedDiagnostics(res.diagnosticsRequests);
  d.hub.emit({ type: 'checked-in', at: d.now().toISOString() });
  for (const u of res.ticketUpdates) {
    d.hub.emit({ type: 'ticket-updated', ticket: u.ticket, statusChanged: u.statusChanged, newTechnicianMessages: u.newTechnicianMessages });
  }
}
