import type { AgentEvent } from '../agent-types.js';
import type { AccountRecords } from './account-records.js';
import { bareAccountName, recordedByTechnician } from './caller.js';
import type { AudiencedEvent } from './endpoint-protocol.js';
import { redactSettings } from './redact-settings.js';

/** No account: only administrators' clients receive it. */
const NOBODY = { account: '' } as const;

/**
 * Who may see an event of the core, and in which form: a ticket's news goes to the account that filed
 * it, a queued item's fate to its owner; machine-wide events go to everyone, without other users' items
 * and without secrets.
 */
export function audienceOf(event: AgentEvent, records: AccountRecords): AudiencedEvent {
  const owner = (id: string) => {
    const account = records.ownerOf(id);
    return account === null ? NOBODY : { account };
  };
  switch (event.type) {
    case 'ticket-updated': {
      const t = event.ticket;
      // Recorded by a technician for this device: its named user, or whoever uses the device.
      if (records.ownerOf(t.id) === null && recordedByTechnician(t)) {
        return { audience: t.requesterAccountName ? { accountName: bareAccountName(t.requesterAccountName) } : 'all', event };
      }
      return { audience: owner(event.ticket.id), event };
    }
    case 'delivered':
    case 'delivery-failed':
      return { audience: event.item.kind === 'inventory' ? 'all' : owner(event.item.id), event };
    case 'sync-finished':
      // Each client asks for its own view of the queue; the lists here would show other users' items.
      return { audience: 'all', event: { ...event, result: { ...event.result, delivered: [], remaining: [] } } };
    case 'settings-changed':
      return { audience: 'all', event: { ...event, settings: redactSettings(event.settings) } };
    case 'enrollment-changed':
    case 'sync-started':
    case 'checked-in':
    case 'inventory-uploaded':
    case 'outbox-warning':
    case 'config-problem':
      return { audience: 'all', event };
  }
}
