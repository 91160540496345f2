import {
  AGENT_API_BASE,
  ArticleFeedbackAckSchema,
  DeviceArticleListSchema,
  ChallengeResponseSchema,
  CheckinResponseSchema,
  DeviceTicketListSchema,
  EnrollResponseSchema,
  KeyBindResponseSchema,
  TicketAckSchema,
  UploadAckSchema,
} from '@deskside/shared';
import type {
  ArticleFeedback,
  ChallengeResponse,
  DeviceArticleList,
  CheckinRequest,
  CheckinResponse,
  CommentSubmission,
  DiagnosticsUpload,
  DeviceTicketList,
  EnrollRequest,
  EnrollResponse,
  FeedbackSubmission,
  KeyBindRequest,
  KeyBindResponse,
  RecoverRequest,
  TicketAck,
  UploadAck,
} from '@deskside/shared';
import type { z } from 'zod';

import type { HttpRequest, HttpResponse, HttpTransport } from '../host.js';
import { ApiRequestError, describeErrorBody, failureKindFor } from './api-error.js';
import type { MultipartFile } from './multipart.js';
import { buildMultipart } from './multipart.js';
import { parseRetryAfter } from './retry-after.js';
import { apiUrl, checkServerUrl } from './url-policy.js';

export interface DeviceApiOptions {
  readonly transport: HttpTransport;
  readonly serverUrl: string;
  readonly allowInsecureHttp: boolean;
  readonly agentVersion: string;
  readonly credential?: string | null;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
  readonly uploadTimeoutMs?: number;
}

/** An acknowledged upload; `duplicate` means the server already had it (a retry after a lost ack). */
export interface Delivered<T> {
  readonly ack: T | null;
  readonly duplicate: boolean;
  readonly bytesSent: number;
}

/** The device API of shared/src/device-api.ts over an HttpTransport. Never logs or echoes the credential. */
export class DeviceApi {
  private readonly base: URL;
  private readonly now: () => Date;

  constructor(private readonly options: DeviceApiOptions) {
    this.base = checkServerUrl(options.serverUrl, options.allowInsecureHttp);
    this.now = options.now ?? (() => new Date());
  }

  get origin(): string {
    return this.base.origin;
  }

  async enroll(request: EnrollRequest): Promise<EnrollResponse> {
    const res = await this.send('POST', '/enroll', this.json(request), false);
    return this.parse(res, EnrollResponseSchema, 'enroll');
  }

  /** A one-time nonce to sign with the device key (enroll, bind key, recover). */
  async challenge(): Promise<ChallengeResponse> {
    const res = await this.send('POST', '/challenge', undefined, false);
    return this.parse(res, ChallengeResponseSchema, 'challenge');
  }

  /** Binds the device key to this (already enrolled) device; 409 when it holds another key. */
  async bindKey(request: KeyBindRequest): Promise<KeyBindResponse> {
    const res = await this.send('POST', '/key', this.json(request), true);
    return this.parse(res, KeyBindResponseSchema, 'key binding');
  }

  /** A fresh credential for a device whose credential was refused, by proof of its key. */
  async recover(request: RecoverRequest): Promise<EnrollResponse> {
    const res = await this.send('POST', '/recover', this.json(request), false);
    return this.parse(res, EnrollResponseSchema, 'credential recovery');
  }

  async checkin(request: CheckinRequest): Promise<CheckinResponse> {
    const res = await this.send('POST', '/checkin', this.json(request), true);
    return this.parse(res, CheckinResponseSchema, 'check-in');
  }

  async listTickets(): Promise<DeviceTicketList> {
    const res = await this.send('GET', '/tickets', undefined, true);
    return this.parse(res, DeviceTicketListSchema, 'ticket list');
  }

  /** A file of one of this device's tickets: filed with it, or sent with a technician's public reply. */
  async downloadAttachment(ticketId: string, attachmentId: string): Promise<Uint8Array> {
    const res = await this.send('GET', `/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`, undefined, true, this.options.uploadTimeoutMs ?? 120_000);
    const declared = Number(res.headers['content-length'] ?? res.body.byteLength);
    // A cut-off body must not be saved as if it were the file.
    if (declared !== res.body.byteLength) throw new ApiRequestError(res.status, 'retryable', null, `the file arrived incomplete (${res.body.byteLength} of ${declared} bytes)`, null);
    return res.body;
  }

  /** Public articles: the best matches for `q`, or all of them (with the synonyms) when `q` is absent. */
  async listArticles(query: { readonly q?: string; readonly locale?: string; readonly limit?: number; readonly record?: boolean }): Promise<DeviceArticleList> {
    const params = new URLSearchParams();
    if (query.q !== undefined) params.set('q', query.q);
    if (query.locale !== undefined) params.set('locale', query.locale);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.record !== undefined) params.set('record', String(query.record));
    const search = params.toString();
    const res = await this.send('GET', `/articles${search === '' ? '' : `?${search}`}`, undefined, true);
    return this.parse(res, DeviceArticleListSchema, 'article list');
  }

  async postArticleFeedback(feedback: ArticleFeedback): Promise<Delivered<unknown>> {
    const res = await this.send('POST', '/articles/feedback', this.json(feedback), true);
    return this.delivered(res, ArticleFeedbackAckSchema, feedback.id);
  }

  /** `gzipJson` is an InventoryUpload already serialized and gzip-compressed; `uploadId` is its id. */
  async putInventory(gzipJson: Uint8Array, uploadId: string): Promise<Delivered<UploadAck>> {
    const res = await this.send(
      'PUT',
      '/inventory',
      { body: gzipJson, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
      true,
      this.options.uploadTimeoutMs ?? 120_000,
    );
    return this.delivered(res, UploadAckSchema, uploadId);
  }

  /** `ticketId` is the id the acknowledgement must name (the ticket JSON's own id). */
  async postTicket(ticketJson: string, files: readonly MultipartFile[], ticketId: string): Promise<Delivered<TicketAck>> {
    const multipart = buildMultipart([{ name: 'ticket', json: ticketJson }], files);
    const res = await this.send(
      'POST',
      '/tickets',
      { body: multipart.chunks(), headers: { 'content-type': multipart.contentType, 'content-length': String(multipart.contentLength) } },
      true,
      this.options.uploadTimeoutMs ?? 120_000,
    );
    return this.delivered(res, TicketAckSchema, ticketId);
  }

  async postComment(ticketId: string, comment: CommentSubmission): Promise<Delivered<UploadAck>> {
    const res = await this.send('POST', `/tickets/${encodeURIComponent(ticketId)}/comments`, this.json(comment), true);
    return this.delivered(res, UploadAckSchema, comment.id);
  }

  async postDiagnostics(ticketId: string, upload: DiagnosticsUpload): Promise<Delivered<UploadAck>> {
    const res = await this.send('POST', `/tickets/${encodeURIComponent(ticketId)}/diagnostics`, this.json(upload), true);
    return this.delivered(res, UploadAckSchema, upload.id);
  }

  async postFeedback(ticketId: string, feedback: FeedbackSubmission): Promise<Delivered<UploadAck>> {
    const res = await this.send('POST', `/tickets/${encodeURIComponent(ticketId)}/feedback`, this.json(feedback), true);
    return this.delivered(res, UploadAckSchema, feedback.id);
  }

  private json(value: unknown): { body: Uint8Array; headers: Record<string, string> } {
    return { body: Buffer.from(JSON.stringify(value), 'utf8'), headers: { 'content-type': 'application/json' } };
  }

  private async send(
    method: HttpRequest['method'],
    path: string,
    payload: { body: HttpRequest['body']; headers: Record<string, string> } | undefined,
    authenticated: boolean,
    timeoutMs = this.options.timeoutMs ?? 30_000,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `deskside-agent/${this.options.agentVersion}`,
      ...(payload?.headers ?? {}),
    };
    if (authenticated) {
      if (!this.options.credential) throw new ApiRequestError(401, 'unauthorized', 'unauthorized', 'this device is not enrolled', null);
      headers.authorization = `Bearer ${this.options.credential}`;
    }
    const res = await this.options.transport.request({
      method,
      url: apiUrl(this.base, `${AGENT_API_BASE}${path}`),
      headers,
      ...(payload?.body !== undefined ? { body: payload.body } : {}),
      timeoutMs,
    });
    if (res.status >= 200 && res.status < 300) return res;
    const { code, message } = describeErrorBody(res.status, res.body);
    // A 409 without our error body came from something in between (a proxy), not from the server's
    // own decision about this item: try again later rather than set the item aside.
    const kind = res.status === 409 && code === null ? 'retryable' : failureKindFor(res.status);
    throw new ApiRequestError(res.status, kind, code, message, parseRetryAfter(res.headers['retry-after'], this.now()));
  }

  private parse<T extends z.ZodType>(res: HttpResponse, schema: T, what: string): z.infer<T> {
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(res.body).toString('utf8'));
    } catch {
      throw new ApiRequestError(res.status, 'retryable', null, `the server's ${what} answer is not JSON`, null);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiRequestError(res.status, 'retryable', null, `the server's ${what} answer does not match the protocol (${issue?.path.join('.')}: ${issue?.message})`, null);
    }
    return parsed.data;
  }

  /**
   * An item counts as delivered only when the answer is the shared acknowledgement naming this very
   * item: a maintenance page served with 200, a cut-off body or another item's ack leaves it queued
   * (retryable), because removing it on a guess loses the user's ticket for good.
   */
  private delivered<T extends z.ZodType<{ id: string; duplicate: boolean }>>(res: HttpResponse, schema: T, expectedId: string): Delivered<z.infer<T>> {
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(res.body).toString('utf8'));
    } catch {
      raw = undefined;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success || parsed.data.id.toLowerCase() !== expectedId.toLowerCase()) {
      throw new ApiRequestError(res.status, 'retryable', null, `the server's answer (HTTP ${res.status}) does not acknowledge this item; it stays queued`, null);
    }
    return { ack: parsed.data, duplicate: parsed.data.duplicate, bytesSent: res.bytesSent };
  }
}
