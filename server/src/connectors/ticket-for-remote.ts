import { diagnosticFindings, wordFinding, type Diagnostics, type Priority } from '@deskside/shared';

import type { Store } from '../storage/store.js';
import { parseJson } from '../storage/values.js';
import type { RemoteTicketInput } from './remote-helpdesk.js';

/** Findings listed in a remote ticket: the first ones are what a technician reads first anyway. */
const MAX_FINDINGS = 20;

interface StoredContact {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
}

/**
 * A Deskside ticket as the remote helpdesk gets it: its subject, and a plain-text description that
 * carries the requester, the device, the priority and the diagnostics' findings (in English: remote
 * helpdesks have no language of the reader to go by), so nothing depends on custom fields there.
 */
export async function remoteTicketInput(store: Store, ticketId: string): Promise<RemoteTicketInput | null> {
  const t = await store.tickets.summary(ticketId);
  if (t === null) return null;
  const contact = parseJson<StoredContact>(t.contact);
  const priority = (t.priority_override ?? t.computed_priority) as Priority;
  const lines = [t.description, '', '—', `Deskside ticket #${t.number}`, `Requester: ${[contact.name ?? t.requester, contact.email ? `<${contact.email}>` : null, contact.phone].filter(Boolean).join(' ') || 'unknown'}`, `Device: ${t.device_hostname ?? 'none linked'}`, `Priority: ${priority}`, `Category: ${t.category}`];
  if (t.diagnostics !== null) {
    const findings = diagnosticFindings(parseJson<Diagnostics>(t.diagnostics));
    lines.push('', findings.length === 0 ? 'Diagnostics: nothing unusual found.' : 'Diagnostics:');
    for (const f of findings.slice(0, MAX_FINDINGS)) lines.push(`- ${wordFinding(f, 'en')}`);
    if (findings.length > MAX_FINDINGS) lines.push(`- … ${findings.length - MAX_FINDINGS} more in Deskside`);
  }
  return {
    subject: t.subject,
    description: lines.join('\n'),
    priority,
    requesterName: contact.name ?? t.requester,
    requesterEmail: contact.email ?? null,
    deviceHostname: t.device_hostname,
    desksideNumber: t.number,
  };
}
