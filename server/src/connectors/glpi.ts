import type { Priority, TicketStatus } from '@deskside/shared';

import { RemoteError, callJson, field, joinUrl, type RemoteHelpdesk, type RemoteTicketInput, type RemoteTicketRef } from './remote-helpdesk.js';

export interface GlpiConfig {
  readonly baseUrl: string;
  readonly appToken: string;
  readonly userToken: string;
}

/** GLPI's 1 (very low) … 5 (very high) scale for urgency, impact and priority. */
const SCALE: Readonly<Record<Priority, number>> = { low: 2, medium: 3, high: 4, critical: 5 };

/** GLPI's ticket statuses: 1 new, 2 processing (assigned), 4 pending, 5 solved, 6 closed. */
const STATUS: Readonly<Record<TicketStatus, number>> = { new: 1, open: 2, 'waiting-on-user': 4, resolved: 5, closed: 6 };

/**
 * GLPI's REST API (apirest.php): a session opened with the API client's App-Token and the user's
 * token (`Authorization: user_token …`), each call with `Session-Token` and `App-Token`, the session
 * closed again after the call so none piles up on the GLPI side.
 */
export class GlpiHelpdesk implements RemoteHelpdesk {
  constructor(
    private readonly config: GlpiConfig,
    private readonly timeoutMs: number,
  ) {}

  private api(path: string): string {
    return joinUrl(this.config.baseUrl, `/apirest.php${path}`);
  }

  private async session<T>(work: (headers: Record<string, string>) => Promise<T>): Promise<T> {
    const opened = await callJson('GET', this.api('/initSession'), { 'app-token': this.config.appToken, authorization: `user_token ${this.config.userToken}` }, undefined, this.timeoutMs);
    const token = field(opened.body, 'session_token');
    if (typeof token !== 'string' || token === '') throw new RemoteError('GLPI initSession answered without a session_token', opened.status, null);
    const headers = { 'app-token': this.config.appToken, 'session-token': token };
    try {
      return await work(headers);
    } finally {
      await callJson('GET', this.api('/killSession'), headers, undefined, this.timeoutMs).catch(() => undefined);
    }
  }

  create(input: RemoteTicketInput): Promise<RemoteTicketRef> {
    return this.session(async (headers) => {
      const level = SCALE[input.priority];
      // type 1 = incident; urgency and impact both carry Deskside's priority, so GLPI's matrix agrees.
      const answer = await callJson('POST', this.api('/Ticket'), headers, { input: { name: input.subject, content: input.description, type: 1, urgency: level, impact: level, priority: level } }, this.timeoutMs);
      const id = field(answer.body, 'id');
      if (typeof id !== 'number' && typeof id !== 'string') throw new RemoteError('GLPI answered the new ticket without its id', answer.status, null);
      return { id: String(id), number: String(id), url: joinUrl(this.config.baseUrl, `/front/ticket.form.php?id=${encodeURIComponent(String(id))}`) };
    });
  }

  comment(remoteId: string, body: string, internal: boolean): Promise<void> {
    return this.session(async (headers) => {
      await callJson('POST', this.api('/ITILFollowup'), headers, { input: { itemtype: 'Ticket', items_id: Number(remoteId), content: body, is_private: internal ? 1 : 0 } }, this.timeoutMs);
    });
  }

  status(remoteId: string, status: TicketStatus): Promise<void> {
    return this.session(async (headers) => {
      await callJson('PUT', this.api(`/Ticket/${encodeURIComponent(remoteId)}`), headers, { input: { status: STATUS[status] } }, this.timeoutMs);
    });
  }
}
