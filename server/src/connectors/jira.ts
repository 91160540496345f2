import type { TicketStatus } from '@deskside/shared';

import { RemoteError, callJson, field, joinUrl, type RemoteHelpdesk, type RemoteTicketInput, type RemoteTicketRef } from './remote-helpdesk.js';

export interface JiraConfig {
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
  readonly serviceDeskId: string;
  readonly requestTypeId: string;
}

/**
 * Jira Service Management's REST API (/rest/servicedeskapi) with basic authentication (the account's
 * e-mail and an API token). A request carries only the fields its request type shows, so summary and
 * description are set and the rest (requester, device, priority, diagnostics) is written into the
 * description. Statuses move through per-site workflow transitions, so they are not followed.
 */
export class JiraHelpdesk implements RemoteHelpdesk {
  constructor(
    private readonly config: JiraConfig,
    private readonly timeoutMs: number,
  ) {}

  private get headers() {
    return { authorization: `Basic ${Buffer.from(`${this.config.email}:${this.config.apiToken}`, 'utf8').toString('base64')}` };
  }

  async create(input: RemoteTicketInput): Promise<RemoteTicketRef> {
    const answer = await callJson(
      'POST',
      joinUrl(this.config.baseUrl, '/rest/servicedeskapi/request'),
      this.headers,
      {
        serviceDeskId: this.config.serviceDeskId,
        requestTypeId: this.config.requestTypeId,
        requestFieldValues: { summary: input.subject.slice(0, 255), description: input.description },
      },
      this.timeoutMs,
    );
    const key = field(answer.body, 'issueKey');
    const issueId = field(answer.body, 'issueId');
    if (typeof key !== 'string' || key === '') throw new RemoteError('Jira answered the new request without its issue key', answer.status, null);
    const web = field(field(answer.body, '_links'), 'web');
    return { id: typeof issueId === 'string' ? issueId : key, number: key, url: typeof web === 'string' && /^https?:\/\//.test(web) ? web : joinUrl(this.config.baseUrl, `/browse/${encodeURIComponent(key)}`) };
  }

  async comment(remoteId: string, body: string, internal: boolean): Promise<void> {
    await callJson('POST', joinUrl(this.config.baseUrl, `/rest/servicedeskapi/request/${encodeURIComponent(remoteId)}/comment`), this.headers, { body, public: !internal }, this.timeoutMs);
  }

  status(_remoteId: string, _status: TicketStatus): Promise<void> {
    return Promise.resolve();
  }
}
