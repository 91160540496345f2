import { createHash } from 'node:crypto';

import type { TicketSubmission } from '@deskside/shared';

/** A valid ticket with one attachment, as the crash-test child queues it. */
export function childTicket(id: string, bytes: Buffer): { ticket: TicketSubmission; attachment: { field: string; name: string; type: string; bytes: Buffer } } {
  const ticket: TicketSubmission = {
    id,
    subject: `Crash test ${id.slice(0, 8)}`,
    description: 'Queued by a process that is killed at a random moment',
    category: 'other',
    urgency: 'low',
    impact: 'me',
    contact: { name: 'Test', email: null, phone: null },
    attachments: [{ field: 'file-0', name: 'data.bin', type: 'application/octet-stream', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), role: 'file' }],
    diagnostics: null,
    createdAt: new Date().toISOString(),
    locale: null,
  };
  return { ticket, attachment: { field: 'file-0', name: 'data.bin', type: 'application/octet-stream', bytes } };
}
