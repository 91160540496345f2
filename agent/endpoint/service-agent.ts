import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';

import type { Contact, DeviceTicketView, Diagnostics, Platform } from '@deskside/shared';

import { TicketNotSavedError } from '../agent-errors.js';
import type { Agent, AgentEvent, AgentStatus, ArticleQueryOptions, ArticleResult, DiagnoseOptions, FeedbackDraft, SettingsView, SubmittedTicket, SyncOptions, SyncResult, TicketDraft, TicketFile } from '../agent-types.js';
import type { AgentSettings } from '../config/settings-schema.js';
import { EventHub } from '../support/events.js';
import { readAttachment } from '../tickets/compose-ticket.js';
import { AGENT_VERSION } from '../version.js';
import { EndpointCallError, EndpointClient, ServiceUnavailableError } from './endpoint-client.js';

/** What a user's client needs of the agent (the tray's `AgentPort` is this without `stop`): the same calls whether the core is embedded or the service's. */
export type AgentClient = Pick<
  Agent,
  'status' | 'syncNow' | 'submitTicket' | 'listTickets' | 'addComment' | 'sendFeedback' | 'ticketFile' | 'articles' | 'articleSolved' | 'diagnose' | 'defaultContact' | 'onEvent' | 'settings' | 'updateUserSettings' | 'retryFailed' | 'stop'
>;

export interface ServiceAgentOptions {
  readonly client: EndpointClient;
  /** How long a ticket waits for a service that is restarting before the user is told (same id each try). */
  readonly serviceWaitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The agent as the tray and a user's CLI see it when the machine's service answers: every call goes to
 * the service, which owns the device's identity, schedule and outbox; this side only reads the user's
 * own files (attachments) and holds nothing of the device.
 */
export class ServiceAgent implements AgentClient {
  readonly #client: EndpointClient;
  readonly #hub = new EventHub();
  readonly #waitMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  #unsubscribe: (() => void) | null = null;

  constructor(options: ServiceAgentOptions) {
    this.#client = options.client;
    this.#waitMs = options.serviceWaitMs ?? 60_000;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get endpoint(): string {
    return this.#client.path;
  }

  /** The endpoint connection itself (the tray's handover uploads through it). */
  get client(): EndpointClient {
    return this.#client;
  }

  async status(): Promise<AgentStatus> {
    const status = await this.#client.call<AgentStatus>('status');
    return { ...status, service: { endpoint: this.#client.path, account: this.#client.caller?.name ?? null } };
  }

  settings(): Promise<SettingsView> {
    return this.#client.call<SettingsView>('settings');
  }

  updateUserSettings(patch: Partial<AgentSettings>): Promise<SettingsView> {
    return this.#client.call<SettingsView>('update-settings', { patch });
  }

  syncNow(options: SyncOptions = {}): Promise<SyncResult> {
    options.onProgress?.('Asking the Deskside service to sync…');
    return this.#client.call<SyncResult>('sync', { ...(options.fullInventory ? { fullInventory: true } : {}), ...(options.skipInventory ? { skipInventory: true } : {}) });
  }

  retryFailed(): Promise<{ readonly delivered: readonly string[]; readonly errors: readonly string[] }> {
    return this.#client.call('retry-failed');
  }

  /** The service's diagnostics with this user's own view, refreshed first so a ticket shows it as of now. */
  async diagnose(options: DiagnoseOptions = {}): Promise<Diagnostics> {
    if (!options.omit?.includes('user-scope')) await this.reportUserScope().catch(() => undefined);
    return this.#client.call<Diagnostics>('diagnose', options.omit ? { omit: options.omit } : {});
  }

  /**
   * Collects this user's own sections (their proxy, OneDrive, File History, Déjà Dup) in this process,
   * which runs as the user, and gives them to the service for the next inventory.
   */
  async reportUserScope(): Promise<{ readonly stored: boolean; readonly reason: string }> {
    const { collectUserScope } = await import('../../collectors/user-scope/index.js');
    return this.recordUserScope(await collectUserScope({ agentVersion: AGENT_VERSION }));
  }

  defaultContact(): Promise<Contact> {
    return this.#client.call<Contact>('contact');
  }

  listTickets(options: { readonly refresh?: boolean } = {}): Promise<readonly DeviceTicketView[]> {
    return this.#client.call<DeviceTicketView[]>('tickets', { refresh: options.refresh ?? false });
  }

  addComment(ticketId: string, body: string, options: { readonly id?: string } = {}): Promise<SubmittedTicket> {
    const id = options.id ?? randomUUID();
    return this.#untilAnswered(() => this.#client.call<SubmittedTicket>('comment', { id, ticketId, body }));
  }

  sendFeedback(ticketId: string, draft: FeedbackDraft, options: { readonly id?: string } = {}): Promise<SubmittedTicket> {
    const id = options.id ?? randomUUID();
    return this.#untilAnswered(() => this.#client.call<SubmittedTicket>('feedback', { id, ticketId, draft }));
  }

  async ticketFile(ticketId: string, attachmentId: string): Promise<TicketFile> {
    const file = await this.#client.call<{ name: string; type: string; base64: string }>('ticket-file', { ticketId, attachmentId });
    return { name: file.name, type: file.type, bytes: Buffer.from(file.base64, 'base64') };
  }

  articles(options: ArticleQueryOptions = {}): Promise<ArticleResult> {
    return this.#client.call<ArticleResult>('articles', { ...options });
  }

  articleSolved(articleId: string, query: string, options: { readonly id?: string } = {}): Promise<SubmittedTicket> {
    const id = options.id ?? randomUUID();
    return this.#untilAnswered(() => this.#client.call<SubmittedTicket>('article-solved', { id, articleId, query }));
  }

  /**
   * Files are read here, as the user, and uploaded; a service that restarts meanwhile is waited for and
   * the same ticket id sent again, so a kill never loses or doubles a ticket.
   */
  async submitTicket(draft: TicketDraft): Promise<SubmittedTicket> {
    const id = draft.id ?? randomUUID();
    // Diagnostics gathered by the service now: this user's own view goes in fresh.
    if (draft.diagnostics === undefined && !draft.omitDiagnostics?.includes('user-scope')) await this.reportUserScope().catch(() => undefined);
    const files = await Promise.all((draft.attachments ?? []).map(async (a) => ({ name: a.name ?? basename(a.path), bytes: await readAttachment(a.path) })));
    try {
      return await this.#untilAnswered(async () => {
        const attachments = [];
        for (const file of files) attachments.push({ upload: await this.#client.upload(file.bytes), name: file.name.slice(0, 255) || 'attachment' });
        const screenshot = draft.screenshot ? { upload: await this.#client.upload(draft.screenshot.bytes), type: draft.screenshot.type } : undefined;
        return this.#client.call<SubmittedTicket>('submit-ticket', {
          id,
          subject: draft.subject,
          description: draft.description,
          ...(draft.category ? { category: draft.category } : {}),
          ...(draft.urgency ? { urgency: draft.urgency } : {}),
          ...(draft.impact ? { impact: draft.impact } : {}),
          ...(draft.contact ? { contact: draft.contact } : {}),
          attachments,
          ...(screenshot ? { screenshot } : {}),
          ...(draft.diagnostics !== undefined ? { diagnostics: draft.diagnostics } : {}),
          ...(draft.omitDiagnostics ? { omitDiagnostics: draft.omitDiagnostics } : {}),
          locale: draft.locale ?? null,
        });
      });
    } catch (e) {
      if (e instanceof EndpointCallError && e.name === 'TicketNotSavedError') throw new TicketNotSavedError(e.message, draft, { cause: e });
      if (e instanceof ServiceUnavailableError) throw new TicketNotSavedError(`Your ticket was not saved: ${e.message}`, draft, { cause: e });
      throw e;
    }
  }

  /** Hands a user-scope report to the service, which files it under the proven account only. */
  recordUserScope(report: unknown): Promise<{ readonly stored: boolean; readonly reason: string }> {
    return this.#client.call('user-scope', { report });
  }

  onEvent(listener: (event: AgentEvent) => void): () => void {
    this.#unsubscribe ??= this.#client.subscribe((event) => this.#hub.emit(event as AgentEvent));
    return this.#hub.on(listener);
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async #untilAnswered<T>(attempt: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.#waitMs;
    for (;;) {
      try {
        return await attempt();
      } catch (e) {
        const retry = e instanceof ServiceUnavailableError || (e instanceof EndpointCallError && e.code === 'service-busy');
        if (!retry || Date.now() >= deadline) throw e;
        await this.#sleep(1000);
      }
    }
  }
}

/** The service's client when one answers at `path`; null otherwise (the caller falls back to the embedded core). */
export async function connectToService(path: string, platform: Platform, options: Omit<ServiceAgentOptions, 'client'> = {}): Promise<ServiceAgent | null> {
  const client = new EndpointClient(path, platform);
  if (!(await client.answers())) return null;
  return new ServiceAgent({ client, ...options });
}
