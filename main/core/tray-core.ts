import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import {
  LIMITS,
  ALLOWED_ATTACHMENT_TYPES,
  type ArticleLocale,
  type HelpArticles,
  type DeviceHealth,
  type DeviceTicketView,
  type Diagnostics,
  type IpcResults,
  type MyTicket,
  type ReplyResult,
  type Route,
  type SettingsView,
  type SubmitResult,
  type TicketDraft,
  type TicketList,
  type TicketPreview,
  type TrayStatus,
  type UiLanguage,
  type UserSettingKey,
  type UserSettingsPatch,
} from '@deskside/shared';

import type { AgentEvent, AgentStatus, ArticleResult, TicketDraft as AgentTicketDraft } from '../../agent/agent-types.js';
import { composeTicket } from '../../agent/tickets/compose-ticket.js';
import type { AgentPort } from '../agent-port.js';
import { decodeAttachments } from '../handlers/attachments.js';
import { keptDiagnostics } from '../handlers/kept-diagnostics.js';
import { saveDownload } from '../handlers/save-download.js';
import { deviceHealth } from '../health/device-health.js';
import { technicianMessages, trayStatus, unreadCount } from '../health/tray-status.js';
import { displayAccelerator } from '../i18n/accelerator.js';
import { resolveLanguage } from '../i18n/languages.js';
import { trayMessages } from '../i18n/tray-messages.js';
import { IpcRequestError, type RequestHandlers } from '../ipc/dispatch.js';
import type { TrayPolicy } from '../policy/tray-policy.js';
import type { TraySettings } from '../settings/tray-settings.js';
import { externalLinkTarget } from './external-link.js';
import type { Downloads, EventSink, ExternalLinks, HealthSource, HostInfo, LoginItem, Logger, NetworkState, Notifier, ScreenCaptures, WindowControl } from './ports.js';

export interface TrayCoreDeps {
  readonly agent: AgentPort;
  readonly host: HostInfo;
  readonly screens: ScreenCaptures;
  readonly healthSource: HealthSource;
  readonly settings: TraySettings;
  readonly policy: () => TrayPolicy;
  readonly windows: WindowControl;
  readonly events: EventSink;
  readonly notifier: Notifier;
  readonly network: NetworkState;
  readonly loginItem: LoginItem;
  readonly downloads: Downloads;
  readonly links: ExternalLinks;
  /** Private folder where kept attachments wait until the agent has delivered them. */
  readonly attachmentsDir: string;
  readonly log: Logger;
  readonly now?: () => Date;
}

const KEEP_DIAGNOSTIC_RUNS = 4;
const HEALTH_AFTER_START_MS = 60_000;

/**
 * The tray app's behaviour, Electron-free: request handlers for every contract channel, the tray's
 * status, and the reaction to agent events (notifications, pushes to the windows). main/ wires it to
 * Electron; the end-to-end tests drive the very same object from a browser.
 */
export class TrayCore {
  readonly #d: TrayCoreDeps;
  readonly #now: () => Date;
  readonly #diagnostics = new Map<string, Diagnostics>();
  readonly #submissions = new Map<string, Promise<SubmitResult>>();
  #serverReachable: boolean | null = null;
  #tickets: readonly DeviceTicketView[] = [];
  #ticketsFetchedAt: string | null = null;
  #health: DeviceHealth | null = null;
  #status: TrayStatus | null = null;
  readonly #statusListeners = new Set<(s: TrayStatus) => void>();
  #unsubscribe: (() => void) | null = null;
  #healthTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(deps: TrayCoreDeps) {
    this.#d = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  /**
   * Subscribes to the agent and computes the first status. Device health (which runs collectors)
   * follows a little later, so starting at login costs the user nothing noticeable.
   */
  async start(): Promise<TrayStatus> {
    this.#unsubscribe = this.#d.agent.onEvent((e) => void this.#onAgentEvent(e));
    await this.#loadTickets(false);
    this.#healthTimer = setTimeout(() => void this.refreshHealth().catch((e: unknown) => this.#d.log.warn('device health failed', { error: String(e) })), HEALTH_AFTER_START_MS);
    this.#healthTimer.unref?.();
    return this.refreshStatus();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#healthTimer) clearTimeout(this.#healthTimer);
  }

  /** Recomputes My device's health (and with it the tray colour). */
  async refreshHealth(): Promise<DeviceHealth> {
    this.#health = await this.#computeHealth(await this.#d.agent.status());
    await this.refreshStatus();
    return this.#health;
  }

  onStatus(listener: (s: TrayStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  get status(): TrayStatus | null {
    return this.#status;
  }

  async language(): Promise<UiLanguage> {
    const settings = await this.#d.agent.settings();
    return resolveLanguage(settings.values.language, this.#d.host.osLanguages());
  }

  async refreshStatus(): Promise<TrayStatus> {
    const agent = await this.#d.agent.status();
    if (this.#serverReachable === null && agent.lastError === null && agent.lastCheckinAt !== null) this.#serverReachable = true;
    const status = trayStatus({
      agent,
      serverReachable: this.#serverReachable,
      networkUp: this.#d.network.isUp(),
      health: this.#health,
      tickets: this.#tickets,
      seen: this.#d.settings.get().seenTechnicianMessages,
      host: this.#d.host.identity(),
    });
    this.#status = status;
    for (const l of this.#statusListeners) l(status);
    this.#d.events.emit('status:changed', status);
    return status;
  }

  readonly handlers: RequestHandlers = {
    'app:get-info': async () => {
      const [agent, language] = await Promise.all([this.#d.agent.status(), this.language()]);
      const id = this.#d.host.identity();
      const enrolled = agent.enrollment.state === 'enrolled' ? agent.enrollment : null;
      return {
        productName: this.#d.host.productName,
        version: this.#d.host.appVersion,
        versions: this.#d.host.versions,
        os: this.#d.host.os,
        platform: this.#d.host.platform,
        serverUrl: enrolled?.serverUrl ?? agent.settings.values.serverUrl,
        deviceId: enrolled?.deviceId ?? null,
        computerName: id.computerName,
        userName: id.userName,
        language,
        supportId: agent.supportId ?? null,
      };
    },
    'status:get': async () => this.refreshStatus(),
    'sync:now': async () => this.syncNow(),
    'device:get-health': async () => this.refreshHealth(),
    'report:prepare': async () => {
      const [settings, contact] = await Promise.all([this.#d.agent.settings(), this.#d.agent.defaultContact()]);
      const allowed = settings.values.screenshotsAllowed;
      return {
        screenshots: allowed ? this.#d.screens.captured() : [],
        screenshotsAllowed: allowed,
        contact,
        rules: {
          maxFiles: LIMITS.attachments,
          maxFileBytes: LIMITS.attachmentBytes,
          maxScreenshotBytes: LIMITS.screenshotBytes,
          allowedTypes: [...ALLOWED_ATTACHMENT_TYPES],
        },
        online: this.#status?.online ?? this.#d.network.isUp(),
      };
    },
    'report:gather-diagnostics': async () => {
      const runId = randomUUID();
      this.#d.events.emit('diagnostics:progress', { runId, done: 0, total: 1, current: null });
      const diagnostics = await this.#d.agent.diagnose();
      this.#diagnostics.set(runId, diagnostics);
      for (const old of [...this.#diagnostics.keys()].slice(0, -KEEP_DIAGNOSTIC_RUNS)) this.#diagnostics.delete(old);
      this.#d.events.emit('diagnostics:progress', { runId, done: diagnostics.items.length, total: diagnostics.items.length, current: null });
      return { runId, collectedAt: diagnostics.collectedAt, items: diagnostics.items, redactions: diagnostics.redactions, withheld: diagnostics.withheld ?? [] };
    },
    'report:preview': async (_ctx, draft) => this.#preview(draft),
    'report:submit': async (_ctx, draft) => {
      const running = this.#submissions.get(draft.id);
      if (running) return running;
      const submission = this.#submit(draft);
      this.#submissions.set(draft.id, submission);
      submission.catch(() => this.#submissions.delete(draft.id));
      return submission;
    },
    'tickets:list': async () => {
      await this.#loadTickets(true);
      return this.#ticketList();
    },
    'tickets:mark-read': async (_ctx, ticketId) => {
      const ticket = this.#tickets.find((t) => t.id === ticketId);
      if (ticket === undefined) throw new IpcRequestError('not-found', 'no such ticket');
      this.#d.settings.markSeen(ticketId, technicianMessages(ticket));
      const list = await this.#ticketList();
      this.#d.events.emit('tickets:changed', list);
      await this.refreshStatus();
      return list;
    },
    'tickets:reply': async (_ctx, ticketId, body) => {
      if (body.trim() === '') throw new IpcRequestError('invalid-request', 'the reply is empty');
      return this.#answered(await this.#d.agent.addComment(ticketId, body));
    },
    'tickets:feedback': async (_ctx, ticketId, feedback) => {
      if (!this.#tickets.some((t) => t.id === ticketId)) throw new IpcRequestError('not-found', 'no such ticket');
      return this.#answered(await this.#d.agent.sendFeedback(ticketId, feedback));
    },
    'tickets:save-file': async (_ctx, ticketId, attachmentId) => {
      if (!this.#tickets.some((t) => t.id === ticketId)) throw new IpcRequestError('not-found', 'no such ticket');
      let file;
      try {
        file = await this.#d.agent.ticketFile(ticketId, attachmentId);
      } catch (err) {
        // Offline, or the file is gone: say so in the window; nothing was written.
        this.#d.log.warn('a ticket file could not be fetched', { error: (err as Error).message });
        return { outcome: 'unavailable', message: (err as Error).message };
      }
      const path = await saveDownload(this.#d.downloads.folder(), file.name, file.bytes);
      this.#d.downloads.reveal(path);
      return { outcome: 'saved', fileName: basename(path) };
    },
    'tickets:retry': async () => {
      const result = await this.#d.agent.retryFailed();
      this.#d.log.info('retried refused items', { delivered: result.delivered.length, errors: result.errors.length });
      await this.#loadTickets(result.delivered.length > 0);
      const list = await this.#ticketList();
      this.#d.events.emit('tickets:changed', list);
      void this.refreshStatus();
      return list;
    },
    'help:list': async (_ctx, options) => this.#help(await this.#d.agent.articles({ refresh: options.refresh, locale: await this.#articleLocale() })),
    'help:search': async (_ctx, query, options) =>
      this.#help(await this.#d.agent.articles({ query, record: options.record, limit: 5, locale: await this.#articleLocale() })),
    'help:solved': async (_ctx, articleId, query) => {
      const result = await this.#d.agent.articleSolved(articleId, query);
      return { outcome: result.delivered ? 'sent' : 'queued' };
    },
    'settings:get': async () => this.#settingsView(),
    'settings:update': async (_ctx, patch) => this.#updateSettings(patch),
    'window:open': async (_ctx, route) => {
      this.#d.windows.open(route);
      return null;
    },
    'window:close': async (ctx) => {
      this.#d.windows.close(ctx.webContentsId);
      return null;
    },
    'links:open-external': async (_ctx, url) => {
      const target = externalLinkTarget(url);
      if (target === null) {
        this.#d.log.warn('refused to open a link', { scheme: schemeOf(url) });
        throw new IpcRequestError('forbidden', 'only http, https and mailto links open outside Deskside');
      }
      await this.#d.links.open(target);
      return null;
    },
  };

  /** Articles in the language the window speaks. */
  async #articleLocale(): Promise<ArticleLocale> {
    return (await this.language()) === 'zh-CN' ? 'zh-CN' : 'en';
  }

  #help(result: ArticleResult): HelpArticles {
    return { articles: result.articles, source: result.source, fetchedAt: result.fetchedAt, offline: result.error !== null };
  }

  async syncNow(): Promise<IpcResults['sync:now']> {
    try {
      const result = await this.#d.agent.syncNow();
      this.#serverReachable = result.checkedIn;
      await this.#loadTickets(result.checkedIn);
      const status = await this.refreshStatus();
      return { ok: result.checkedIn && result.errors.length === 0, error: result.errors[0] ?? null, status };
    } catch (error) {
      this.#serverReachable = false;
      const status = await this.refreshStatus();
      return { ok: false, error: error instanceof Error ? error.message : String(error), status };
    }
  }

  /**
   * The agent's own draft for what the user kept: attachments checked here, written to a private
   * folder (the agent reads files by path), diagnostics reduced to the kept items.
   */
  async #agentDraft(draft: TicketDraft, dir: string): Promise<AgentTicketDraft> {
    const settings = await this.#d.agent.settings();
    const attachments = decodeAttachments(draft.attachments, settings.values.screenshotsAllowed);
    let diagnostics: Diagnostics | null = null;
    if (draft.diagnostics !== null) {
      const run = this.#diagnostics.get(draft.diagnostics.runId);
      if (run === undefined) throw new IpcRequestError('not-found', 'the diagnostics expired; gather them again');
      diagnostics = keptDiagnostics(run, draft.diagnostics.keep);
    }
    // The first screenshot travels as the ticket's screenshot; further displays as image files.
    const screenshot = attachments.find((a) => a.meta.role === 'screenshot');
    const files = attachments.filter((a) => a !== screenshot);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const paths = await Promise.all(
      files.map(async (a, i) => {
        const path = join(dir, `${i}-${safeName(a.meta.name)}`);
        await writeFile(path, a.bytes, { mode: 0o600 });
        return { path, name: a.meta.name };
      }),
    );
    return {
      // The report's own id: a retry, or the service restarting under it, never files a second ticket.
      id: draft.id,
      subject: draft.subject.trim(),
      description: draft.description,
      category: draft.category,
      urgency: draft.urgency,
      impact: draft.impact,
      contact: draft.contact,
      attachments: paths,
      ...(screenshot ? { screenshot: { bytes: screenshot.bytes, type: screenshot.meta.type === 'image/jpeg' ? 'image/jpeg' : 'image/png' } } : {}),
      diagnostics: diagnostics ?? false,
      locale: draft.locale,
    };
  }

  /** Composed by the agent's own composer, so the preview is the document the agent will send. */
  async #preview(draft: TicketDraft): Promise<TicketPreview> {
    const dir = join(this.#d.attachmentsDir, `preview-${randomUUID()}`);
    try {
      const agentDraft = await this.#agentDraft(draft, dir);
      const settings = await this.#d.agent.settings();
      const composed = await composeTicket({
        draft: agentDraft,
        contact: await this.#d.agent.defaultContact(),
        diagnostics: agentDraft.diagnostics === false || agentDraft.diagnostics === undefined ? null : agentDraft.diagnostics,
        screenshotsAllowed: settings.values.screenshotsAllowed,
        now: this.#now(),
        id: draft.id,
      }).catch((e: unknown) => {
        throw new IpcRequestError('invalid-request', e instanceof Error ? e.message : String(e));
      });
      const attachments = composed.submission.attachments;
      return { submission: composed.submission, attachments, totalBytes: attachments.reduce((n, a) => n + a.size, 0) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async #submit(draft: TicketDraft): Promise<SubmitResult> {
    const dir = join(this.#d.attachmentsDir, draft.id);
    let submitted;
    try {
      const agentDraft = await this.#agentDraft(draft, dir);
      submitted = await this.#d.agent.submitTicket(agentDraft);
    } finally {
      // The agent has copied everything into its durable outbox (or refused the ticket).
      await rm(dir, { recursive: true, force: true });
    }
    this.#d.log.info('ticket filed', { ticketId: submitted.id, delivered: submitted.delivered, attachments: draft.attachments.length });
    await this.#loadTickets(submitted.delivered);
    this.#d.events.emit('tickets:changed', await this.#ticketList());
    void this.refreshStatus();
    if (!submitted.delivered) {
      const refusal = await this.#refusal(submitted.id, submitted.error);
      return refusal === null ? { outcome: 'queued', ticketId: submitted.id } : { outcome: 'refused', ticketId: submitted.id, message: refusal };
    }
    const number = submitted.number ?? this.#tickets.find((t) => t.id === submitted.id)?.number ?? null;
    return { outcome: 'sent', ticketId: submitted.id, number };
  }

  /** A reply or an answer on a ticket handed to the agent: the list refreshed, and sent, queued or refused. */
  async #answered(result: { readonly id: string; readonly delivered: boolean; readonly error: string | null }): Promise<ReplyResult> {
    await this.#loadTickets(result.delivered);
    this.#d.events.emit('tickets:changed', await this.#ticketList());
    if (result.delivered) return { outcome: 'sent' };
    const refusal = await this.#refusal(result.id, result.error);
    return refusal === null ? { outcome: 'queued' } : { outcome: 'refused', message: refusal };
  }

  /** Why the server refused an outbox item for good, or null when it just waits for the connection. */
  async #refusal(id: string, error: string | null): Promise<string | null> {
    const item = (await this.#d.agent.status()).outbox.find((o) => o.id === id);
    return item?.failed ? item.failed.message || error || 'refused by the server' : null;
  }

  async #loadTickets(refresh: boolean): Promise<void> {
    try {
      this.#tickets = await this.#d.agent.listTickets({ refresh });
      if (refresh) {
        this.#ticketsFetchedAt = this.#now().toISOString();
        this.#serverReachable = true;
      }
    } catch (error) {
      if (refresh) {
        this.#serverReachable = false;
        this.#d.log.warn('could not refresh tickets', { error: error instanceof Error ? error.message : String(error) });
        this.#tickets = await this.#d.agent.listTickets({ refresh: false }).catch(() => this.#tickets);
      }
    }
  }

  async #ticketList(): Promise<TicketList> {
    const agent = await this.#d.agent.status();
    const seen = this.#d.settings.get().seenTechnicianMessages;
    const tickets: MyTicket[] = [...this.#tickets]
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((ticket) => ({ ticket, unread: unreadCount(ticket, seen) }));
    const known = new Set(this.#tickets.map((t) => t.id));
    const pending = agent.outbox
      .filter((o) => o.kind === 'ticket' && !known.has(o.id))
      .map((o) => ({ id: o.id, subject: subjectOf(o.label), createdAt: o.createdAt, refused: o.failed ? o.failed.message || 'refused by the server' : null }));
    return { tickets, pending, fetchedAt: this.#ticketsFetchedAt, online: this.#serverReachable !== false && this.#d.network.isUp() };
  }

  async #computeHealth(agent: AgentStatus): Promise<DeviceHealth> {
    const latest = await this.#d.healthSource.latest();
    return deviceHealth({
      sections: latest?.sections ?? {},
      collectedAt: latest?.collectedAt ?? null,
      lastInventorySentAt: agent.lastInventoryAt,
      online: this.#serverReachable !== false && this.#d.network.isUp(),
      now: this.#now(),
    });
  }

  async #settingsView(): Promise<SettingsView> {
    const agentSettings = await this.#d.agent.settings();
    const policy = this.#d.policy();
    const memory = this.#d.settings.get();
    const locked: UserSettingKey[] = [];
    if (policy.startAtLogin !== undefined) locked.push('startAtLogin');
    if (agentSettings.locked.includes('language')) locked.push('language');
    const language = agentSettings.values.language;
    return {
      values: {
        startAtLogin: policy.startAtLogin ?? memory.startAtLogin,
        notifications: memory.notifications,
        language: language === null ? 'system' : resolveLanguage(language, []),
      },
      locked,
      serverUrl: agentSettings.values.serverUrl,
      shortcut: policy.reportShortcut === null ? null : displayAccelerator(policy.reportShortcut, this.#d.host.platform),
    };
  }

  async #updateSettings(patch: UserSettingsPatch): Promise<SettingsView> {
    const before = await this.#settingsView();
    const refused = (Object.keys(patch) as UserSettingKey[]).filter((k) => patch[k] !== undefined && before.locked.includes(k));
    if (refused.length > 0) throw new IpcRequestError('forbidden', `set by your organisation: ${refused.join(', ')}`);
    if (patch.startAtLogin !== undefined) {
      this.#d.settings.update({ startAtLogin: patch.startAtLogin });
      this.#d.loginItem.apply(patch.startAtLogin);
    }
    if (patch.notifications !== undefined) this.#d.settings.update({ notifications: patch.notifications });
    if (patch.language !== undefined) await this.#d.agent.updateUserSettings({ language: patch.language === 'system' ? null : patch.language });
    return this.#settingsView();
  }

  async #onAgentEvent(event: AgentEvent): Promise<void> {
    switch (event.type) {
      case 'ticket-updated': {
        this.#tickets = [...this.#tickets.filter((t) => t.id !== event.ticket.id), event.ticket];
        if (this.#d.settings.get().notifications && (event.newTechnicianMessages > 0 || event.statusChanged)) {
          const m = trayMessages(await this.language());
          const route: Route = { view: 'tickets', ticketId: event.ticket.id };
          const lastReply = event.ticket.messages.filter((x) => x.author === 'technician').at(-1);
          this.#d.notifier.show(
            event.newTechnicianMessages > 0 && lastReply
              ? { title: m.replyTitle(event.ticket.number), body: excerpt(lastReply.body), route }
              : { title: m.statusTitle(event.ticket.number), body: `${event.ticket.subject}: ${m.statusNames[event.ticket.status] ?? event.ticket.status}`, route },
          );
        }
        this.#d.events.emit('tickets:changed', await this.#ticketList());
        break;
      }
      case 'checked-in':
        this.#serverReachable = true;
        break;
      case 'sync-finished':
        this.#serverReachable = event.result.checkedIn;
        break;
      case 'inventory-uploaded':
        void this.refreshHealth().catch((e: unknown) => this.#d.log.warn('device health failed', { error: String(e) }));
        break;
      case 'delivered':
        if (event.item.kind === 'ticket') {
          await this.#loadTickets(true);
          this.#d.events.emit('tickets:changed', await this.#ticketList());
        }
        break;
      case 'delivery-failed':
      case 'enrollment-changed':
      case 'settings-changed':
      case 'outbox-warning':
      case 'config-problem':
      case 'sync-started':
        break;
    }
    if (event.type !== 'sync-started') await this.refreshStatus().catch((e: unknown) => this.#d.log.warn('status refresh failed', { error: String(e) }));
  }
}

/** The agent labels queued tickets `ticket "<subject>"`; the user wants just the subject. */
export function subjectOf(label: string): string {
  return /^ticket "(.*)"$/s.exec(label)?.[1] ?? label;
}

function excerpt(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 140 ? `${oneLine.slice(0, 139)}…` : oneLine;
}

function safeName(name: string): string {
  return name.replace(/[^\w.\- ]+/g, '_').slice(0, 100) || 'attachment';
}

/** For the log: the scheme only (a link's path or query may carry personal data). */
function schemeOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  return match?.[1]?.toLowerCase() ?? 'none';
}
