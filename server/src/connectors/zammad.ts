import type { Priority, TicketStatus } from '@deskside/shared';

import { RemoteError, callJson, field, joinUrl, type RemoteHelpdesk, type RemoteTicketInput, type RemoteTicketRef } from './remote-helpdesk.js';

export interface ZammadConfig {
  readonly baseUrl: string;
  readonly token: string;
  readonly group: string;
  readonly fallbackCustomer: string;
}

/** Zammad's default priorities, by name. */
const PRIORITY: Readonly<Record<Priority, string>> = { low: '1 low', medium: '2 normal', high: '3 high', critical: '3 high' };

/** Zammad's default states; "pending" states need a reminder time Deskside does not have, so waiting stays open. */
const STATE: Readonly<Record<TicketStatus, string>> = { new: 'new', open: 'open', 'waiting-on-user': 'open', resolved: 'closed', closed: 'closed' };

/**
 * Zammad's REST API (/api/v1) with an access token (`Authorization: Token token=…`). The customer is
 * given as `guess:<e-mail>`, which Zammad resolves to an existing customer or creates.
 */
export class ZammadHelpdesk implements RemoteHelpdesk {
  constructor(
    private readonly config: ZammadConfig,
    private readonly timeoutMs: number,
  ) {}

  private get headers() {
    return { authorization: `Token token=${this.config.token}` };
  }

  async create(input: RemoteTicketInput): Promise<RemoteTicketRef> {
    const answer = await callJson(
      'POST',
      joinUrl(this.config.baseUrl, '/api/v1/tickets'),
      this.headers,
      {
        title: input.subject,
        group: this.config.group,
        customer_id: `guess:${input.requesterEmail ?? this.config.fallbackCustomer}`,
        priority: PRIORITY[input.priority],
        article: { subject: input.subject, body: input.description, type: 'note', internal: false, content_type: 'text/plain' },
      },
      this.timeoutMs,
    );
    const id = field(answer.body, 'id');
    const number = field(answer.body, 'number');
    if (typeof id !== 'number' || (typeof number !== 'string' && typeof number !== 'number')) throw new RemoteError('Zammad answered the new ticket without its id and number', answer.status, null);
    return { id: String(id), number: String(number), url: joinUrl(this.config.baseUrl, `/#ticket/zoom/${id}`) };
  }

  async comment(remoteId: string, body: string, internal: boolean): Promise<void> {
    await callJson('POST', joinUrl(this.config.baseUrl, '/api/v1/ticket_articles'), this.headers, { ticket_id: Number(remoteId), body, type: 'note', internal, content_type: 'text/plain' }, this.timeoutMs);
  }

  async status(remoteId: string, status: TicketStatus): Promise<void> {
    await callJson('PUT', joinUrl(this.config.baseUrl, `/api/v1/tickets/${encodeURIComponent(remoteId)}`), this.headers, { state: STATE[status] }, this.timeoutMs);
  }
}
