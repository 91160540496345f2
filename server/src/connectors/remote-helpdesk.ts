import { LIMITS, type Priority, type TicketStatus } from '@deskside/shared';

import { SERVER_VERSION } from '../version.js';

/** A Deskside ticket as another helpdesk receives it. */
export interface RemoteTicketInput {
  readonly subject: string;
  /** Plain text: the description, then requester, device, priority and diagnostics findings. */
  readonly description: string;
  readonly priority: Priority;
  readonly requesterName: string | null;
  readonly requesterEmail: string | null;
  /** Null for a ticket that came in without a device. */
  readonly deviceHostname: string | null;
  readonly desksideNumber: number;
}

export interface RemoteTicketRef {
  readonly id: string;
  /** What people quote: GLPI's id, Zammad's number, Jira's issue key. */
  readonly number: string;
  readonly url: string;
}

/** One product's REST API, as far as a connector needs it. */
export interface RemoteHelpdesk {
  create(input: RemoteTicketInput): Promise<RemoteTicketRef>;
  comment(remoteId: string, body: string, internal: boolean): Promise<void>;
  /** Follows Deskside's status where the product allows it without per-site workflow ids. */
  status(remoteId: string, status: TicketStatus): Promise<void>;
}

/** The remote answered with something other than success; the log keeps its status and first bytes. */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly excerpt: string | null,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

const EXCERPT = 1_024;

/**
 * One JSON call with a deadline, no redirects followed (as for webhooks), and a refusal turned into a
 * RemoteError carrying what the remote said.
 */
export async function callJson(method: 'GET' | 'POST' | 'PUT', url: string, headers: Readonly<Record<string, string>>, body: unknown, timeoutMs: number): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: 'application/json', 'user-agent': `Deskside-Connector/${SERVER_VERSION}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new RemoteError(timedOut ? `no answer within ${timeoutMs / 1000} s` : `${err instanceof Error ? err.message : String(err)}${cause}`, null, null);
  }
  const text = await response.text();
  const excerpt = text.slice(0, EXCERPT);
  if (response.status < 200 || response.status >= 300) {
    throw new RemoteError(`${method} ${new URL(url).pathname} answered HTTP ${response.status}`, response.status, excerpt);
  }
  try {
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  } catch {
    throw new RemoteError(`${method} ${new URL(url).pathname} answered something other than JSON`, response.status, excerpt.slice(0, LIMITS.mediumText));
  }
}

/** A trailing slash in an administrator's URL must not double the API path's. */
export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`;

export const field = (body: unknown, key: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined);
