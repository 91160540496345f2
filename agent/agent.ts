import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { ArticleFeedback, CommentSubmission, Contact, DeviceTicketView, Diagnostics, DiagnosticsRequest, Platform } from '@deskside/shared';
import { ARTICLE_LIMITS, LIMITS } from '@deskside/shared';

import { createSystemAccess } from '../collectors/exec/system-access.js';
import type { SystemAccess } from '../collectors/types.js';
import { TicketFileNotFoundError, TicketNotSavedError } from './agent-errors.js';
import type {
  AdoptedItem,
  Agent,
  AgentEvent,
  AgentOptions,
  AgentStatus,
  ArticleQueryOptions,
  ArticleResult,
  DiagnoseOptions,
  EnrollInput,
  FeedbackDraft,
  EnrollmentState,
  SettingsView,
  SubmittedTicket,
  SyncOptions,
  SyncResult,
  TicketDraft,
  TicketFile,
} from './agent-types.js';
import { osPolicyReader } from './config/policy-reader.js';
import type { AgentSettings } from './config/settings-schema.js';
import { checkIn } from './core/checkin.js';
import type { DeliveryResult } from './core/delivery-round.js';
import { deliverQueued } from './core/delivery-round.js';
import { DeviceEnrollment } from './core/device-enrollment.js';
import { queueInventory } from './core/inventory-round.js';
import { queueRequestedDiagnostics } from './core/requested-diagnostics.js';
import { ServerConnection } from './core/server-connection.js';
import { SettingsKeeper } from './core/settings-keeper.js';
import { DIAGNOSTIC_PROBES } from './diagnostics/probes.js';
import { runDiagnostics } from './diagnostics/run-diagnostics.js';
import type { CredentialStore, Logger, Screenshot } from './host.js';
import type { DeviceKeyStore } from './identity/device-key.js';
import { FileCredentialStore } from './identity/file-credential-store.js';
import { osInstallerSecretStore } from './identity/installer-secret.js';
import { osInstallerTagReader } from './identity/installer-tag.js';
import { osDeviceKeyStore } from './identity/os-device-key-store.js';
import { collectorsInventorySource } from './inventory/collectors-source.js';
import type { InventorySource } from './inventory/inventory-source.js';
import { ArticlesService } from './knowledge/articles-service.js';
import { Outbox, summarize } from './outbox/outbox.js';
import type { DueTimes, TaskName } from './schedule/due.js';
import { dueTasks, nextDueAt } from './schedule/due.js';
import { Scheduler } from './schedule/scheduler.js';
import { firstRunAt, jittered } from './schedule/timing.js';
import { StateStore } from './state/agent-state.js';
import { EventHub } from './support/events.js';
import { silentLogger } from './support/logger.js';
import { Mutex } from './support/mutex.js';
import { currentPlatform } from './support/platform.js';
import { composeFeedback, feedbackLabel } from './tickets/compose-feedback.js';
import { composeTicket, TicketValidationError } from './tickets/compose-ticket.js';
import { defaultContact } from './tickets/contact.js';
import type { DeviceApi } from './transport/device-api.js';
import { UserScopeStore } from './user-scope/user-scope-store.js';
import { AGENT_VERSION } from './version.js';

export { NotEnrolledError, TicketNotSavedError } from './agent-errors.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

class AgentCore implements Agent {
  readonly dataDir: string;
  private readonly platform: Platform;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly credentials: CredentialStore;
  private readonly state: StateStore;
  private readonly deviceKeys: DeviceKeyStore;
  private readonly inventory: InventorySource;
  private readonly system: SystemAccess;
  private readonly hub = new EventHub();
  private readonly lock = new Mutex();
  private outbox!: Outbox;
  private readonly config: SettingsKeeper;
  private readonly connection: ServerConnection;
  private readonly identity: DeviceEnrollment;
  private readonly help: ArticlesService;
  private scheduler: Scheduler | null = null;
  private unsubscribeHost: (() => void) | null = null;

  constructor(private readonly options: AgentOptions) {
    this.dataDir = options.dataDir;
    this.platform = options.platform ?? currentPlatform();
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? silentLogger;
    this.credentials = options.credentialStore ?? new FileCredentialStore(join(this.dataDir, 'credential.json'));
    this.state = new StateStore(this.dataDir);
    this.system = options.system ?? createSystemAccess();
    this.deviceKeys = options.deviceKeyStore ?? osDeviceKeyStore(this.platform, this.system, this.dataDir, this.logger);
    this.inventory = options.inventory ?? collectorsInventorySource;
    this.config = new SettingsKeeper({
      policy: options.policy ?? osPolicyReader(this.platform, this.system),
      installerTag: options.installerTag ?? osInstallerTagReader(this.platform, this.system),
      state: this.state,
      userFile: options.configFile ?? join(this.dataDir, 'settings.json'),
      logger: this.logger,
      hub: this.hub,
      refreshMs: options.policyRefreshMs ?? 60_000,
    });
    this.connection = new ServerConnection({
      settings: () => this.config.values,
      ...(options.transport ? { transport: options.transport } : {}),
      now: this.now,
      platform: this.platform,
      system: this.system,
    });
    this.identity = new DeviceEnrollment({
      platform: this.platform,
      state: this.state,
      credentials: this.credentials,
      deviceKeys: this.deviceKeys,
      installerSecret: options.installerSecret ?? osInstallerSecretStore(this.platform, this.system),
      config: this.config,
      connection: this.connection,
      hub: this.hub,
      logger: this.logger,
      now: this.now,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    this.help = new ArticlesService({ dataDir: this.dataDir, withApi: (fn) => this.withCredential(fn), now: this.now, logger: this.logger });
  }

  async init(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await this.state.load();
    this.outbox = await Outbox.open(join(this.dataDir, 'outbox'), this.now);
    await this.reloadSettings();
  }

  // ---- settings and server (core/settings-keeper.ts, core/server-connection.ts) -------------------

  private get view(): SettingsView {
    return this.config.view;
  }

  private reloadSettings(): Promise<SettingsView> {
    return this.config.reload();
  }

  async settings(): Promise<SettingsView> {
    return this.reloadSettings();
  }

  private recordedTag(): Promise<string | undefined> {
    return this.config.recordedTag();
  }

  updateUserSettings(patch: Partial<AgentSettings>): Promise<SettingsView> {
    return this.config.updateUser(patch);
  }

  // ---- enrollment and check-in (core/device-enrollment.ts, core/checkin.ts) ---------------------

  private notEnrolledReason(): string {
    return this.identity.notEnrolledReason();
  }

  private enrollment(): Promise<EnrollmentState> {
    return this.identity.current();
  }

  enroll(input: EnrollInput = {}): Promise<EnrollmentState> {
    return this.lock.run(() => this.identity.enroll(input));
  }

  private withCredential<T>(fn: (api: DeviceApi) => Promise<T>): Promise<T> {
    return this.identity.withCredential(fn);
  }

  private async checkinLocked(): Promise<void> {
    const { outbox, state, config, connection, credentials, deviceKeys, hub, logger, now } = this;
    const requestedDiagnostics = (requests: readonly DiagnosticsRequest[]) =>
      queueRequestedDiagnostics({ outbox, caps: () => this.caps(), diagnose: () => this.diagnose(), logger, now }, requests);
    await checkIn({ outbox, state, config, enrollment: this.identity, connection, credentials, deviceKeys, hub, logger, now, requestedDiagnostics });
    // The offline help copy follows the server's: refreshed when stale, never failing the check-in.
    await this.help.refreshIfStale();
  }

  // ---- inventory --------------------------------------------------------------------------------

  private queueInventoryLocked(forceFull: boolean, signal?: AbortSignal): Promise<SyncResult['inventory']> {
    const { dataDir, inventory, state, outbox, hub, now, random } = this;
    return queueInventory({ dataDir, inventory, state, outbox, hub, now, random, settings: this.view.values, caps: this.caps() }, forceFull, signal);
  }

  private caps() {
    return this.config.caps();
  }

  // ---- outbox (core/delivery-round.ts) ---------------------------------------------------------

  private flushLocked(ignoreBackoff: boolean, retryFailed = false): Promise<DeliveryResult> {
    const { dataDir, outbox, state, credentials, connection, hub, now, random } = this;
    return deliverQueued({ dataDir, outbox, state, credentials, enrollment: this.identity, connection, hub, now, random, caps: this.caps() }, ignoreBackoff, retryFailed);
  }

  // ---- facade operations ------------------------------------------------------------------------

  syncNow(options: SyncOptions = {}): Promise<SyncResult> {
    return this.lock.run(async () => {
      this.hub.emit({ type: 'sync-started' });
      await this.reloadSettings();
      const errors: string[] = [];
      let checkedIn = false;
      let inventory: SyncResult['inventory'] = null;
      const enrolled = (await this.enrollment()).state === 'enrolled';
      if (enrolled) {
        options.onProgress?.('Checking in with the server…');
        try {
          await this.checkinLocked();
          checkedIn = true;
        } catch (e) {
          errors.push(`check-in: ${(e as Error).message}`);
        }
      } else errors.push(`not enrolled: ${this.notEnrolledReason()}`);
      if (!options.skipInventory) {
        options.onProgress?.('Collecting inventory…');
        try {
          inventory = await this.queueInventoryLocked(options.fullInventory ?? false, options.signal);
        } catch (e) {
          errors.push(`inventory: ${(e as Error).message}`);
        }
      }
      options.onProgress?.('Delivering queued uploads…');
      const flushed = await this.flushLocked(true);
      errors.push(...flushed.errors);
      const remaining = (await this.outbox.list()).map(summarize);
      // Enrollment can be lost on the way (the server revoked the credential during this sync).
      const stillEnrolled = (await this.enrollment()).state === 'enrolled';
      const result: SyncResult = { enrolled: stillEnrolled, checkedIn, inventory, delivered: flushed.delivered, remaining, errors };
      this.hub.emit({ type: 'sync-finished', result });
      return result;
    });
  }

  /** Retry items that failed for good once more (after an admin fixed the cause). */
  retryFailed(): Promise<{ delivered: string[]; errors: string[] }> {
    return this.lock.run(() => this.flushLocked(true, true));
  }

  /** Remove one queued item on the user's or admin's say-so. */
  discard(id: string): Promise<void> {
    return this.lock.run(() => this.outbox.remove(id));
  }

  /**
   * Keeps a signed-in user's report (collected in their session by `collectUserScope`) until the next
   * inventory carries it. `callerId` is the SID/uid the OS attributes the caller to: a report about
   * another account is refused (UserScopeRejectedError), as is an invalid one.
   */
  recordUserScope(report: unknown, callerId?: string): Promise<{ readonly stored: boolean; readonly reason: string }> {
    return new UserScopeStore(this.dataDir, { now: this.now }).record(report, callerId);
  }

  async diagnose(options: DiagnoseOptions = {}): Promise<Diagnostics> {
    await this.reloadSettings();
    return runDiagnostics({
      probes: DIAGNOSTIC_PROBES,
      context: { platform: this.platform, system: this.system, now: this.now, settings: this.view.values, state: this.state.get() },
      ...(options.omit ? { omit: options.omit } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      agentVersion: AGENT_VERSION,
    });
  }

  async captureScreenshot(): Promise<Screenshot> {
    await this.reloadSettings();
    if (!this.view.values.screenshotsAllowed) throw new Error('Screenshots are turned off by your organisation');
    if (!this.options.screenshots) throw new Error('Screenshots are not available here');
    return this.options.screenshots.capture();
  }

  async defaultContact(): Promise<Contact> {
    return defaultContact(this.state.get().lastContact);
  }

  async submitTicket(draft: TicketDraft): Promise<SubmittedTicket> {
    await this.reloadSettings();
    const diagnostics = draft.diagnostics === false ? null : (draft.diagnostics ?? (await this.diagnose(draft.omitDiagnostics ? { omit: draft.omitDiagnostics } : {})));
    const composed = await composeTicket({
      draft,
      contact: await this.defaultContact(),
      diagnostics,
      screenshotsAllowed: this.view.values.screenshotsAllowed,
      now: this.now(),
    });
    return this.lock.run(async () => {
      try {
        await this.outbox.enqueue(
          {
            id: composed.submission.id,
            kind: 'ticket',
            label: `ticket "${composed.submission.subject.slice(0, 60)}"`,
            body: JSON.stringify(composed.submission),
            attachments: composed.attachments,
          },
          this.caps(),
        );
      } catch (e) {
        throw new TicketNotSavedError(`Your ticket was not saved: ${(e as Error).message}`, draft, { cause: e });
      }
      await this.state.update(() => ({ lastContact: composed.submission.contact }));
      return this.deliverNow(composed.submission.id);
    });
  }

  private async deliverNow(id: string): Promise<SubmittedTicket> {
    let error: string | null;
    try {
      const res = await this.flushLocked(true);
      if (res.delivered.includes(id)) return { id, delivered: true, number: null, error: null };
      error = res.errors[0] ?? null;
    } catch (e) {
      error = (e as Error).message;
    }
    const item = await this.outbox.get(id);
    return { id, delivered: item === null, number: null, error: item?.failed?.message ?? item?.lastError ?? error };
  }

  async listTickets(options: { readonly refresh?: boolean } = {}): Promise<readonly DeviceTicketView[]> {
    if (options.refresh) {
      await this.lock.run(async () => {
        await this.reloadSettings();
        const list = await this.withCredential((api) => api.listTickets());
        await this.state.update(() => ({ tickets: [...list.tickets].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) }));
      });
    }
    return this.state.get().tickets;
  }

  async addComment(ticketId: string, body: string, options: { readonly id?: string } = {}): Promise<SubmittedTicket> {
    const text = body.trim();
    if (text === '') throw new TicketValidationError('The reply is empty');
    if (text.length > LIMITS.longText) throw new TicketValidationError(`The reply is ${text.length} characters; the limit is ${LIMITS.longText}`);
    const comment: CommentSubmission = { id: options.id ?? randomUUID(), body: text, createdAt: this.now().toISOString() };
    return this.lock.run(async () => {
      await this.outbox.enqueue({ id: comment.id, kind: 'comment', label: `reply to ticket ${ticketId}`, body: JSON.stringify(comment), ticketId }, this.caps());
      return this.deliverNow(comment.id);
    });
  }

  async ticketFile(ticketId: string, attachmentId: string): Promise<TicketFile> {
    const find = () => {
      const ticket = this.state.get().tickets.find((t) => t.id === ticketId);
      return ticket === undefined ? undefined : [...(ticket.attachments ?? []), ...ticket.messages.flatMap((m) => m.attachments ?? [])].find((a) => a.id === attachmentId);
    };
    // A reply that arrived since the last check-in: its files are in the fresh list.
    const meta = find() ?? (await this.listTickets({ refresh: true }), find());
    if (meta === undefined) throw new TicketFileNotFoundError('no such file on your tickets');
    const bytes = await this.withCredential((api) => api.downloadAttachment(ticketId, attachmentId));
    return { name: meta.name, type: meta.type, bytes };
  }

  articles(options: ArticleQueryOptions = {}): Promise<ArticleResult> {
    return this.help.find(options);
  }

  articleSolved(articleId: string, query: string, options: { readonly id?: string } = {}): Promise<SubmittedTicket> {
    const feedback: ArticleFeedback = { id: options.id ?? randomUUID(), articleId, outcome: 'solved', query: query.slice(0, ARTICLE_LIMITS.query), at: this.now().toISOString() };
    return this.lock.run(async () => {
      await this.outbox.enqueue({ id: feedback.id, kind: 'article-feedback', label: `help article ${articleId} solved a problem`, body: JSON.stringify(feedback) }, this.caps());
      return this.deliverNow(feedback.id);
    });
  }

  /**
   * The requester's answer on a resolved or closed ticket ("it is fixed", "still broken" with their
   * words, a 1–5 rating): queued durably like a reply, so offline it is kept and sent once.
   */
  async sendFeedback(ticketId: string, draft: FeedbackDraft, options: { readonly id?: string } = {}): Promise<SubmittedTicket> {
    const feedback = composeFeedback(draft, options.id ?? randomUUID(), this.now());
    return this.lock.run(async () => {
      await this.outbox.enqueue({ id: feedback.id, kind: 'feedback', label: feedbackLabel(feedback, ticketId), body: JSON.stringify(feedback), ticketId }, this.caps());
      return this.deliverNow(feedback.id);
    });
  }

  /**
   * Takes over an item another agent on this machine queued (the tray's embedded agent handing its
   * queue to the service): same id, same bytes, so the server keeps one copy whoever delivers it.
   */
  adoptQueuedItem(item: AdoptedItem): Promise<void> {
    return this.lock.run(async () => {
      await this.outbox.enqueue(
        { id: item.id, kind: item.kind, label: item.label, body: item.body, attachments: item.attachments, ...(item.ticketId ? { ticketId: item.ticketId } : {}) },
        this.caps(),
      );
    });
  }

  async status(): Promise<AgentStatus> {
    const view = await this.reloadSettings();
    const tag = await this.recordedTag();
    const s = this.state.get();
    const items = await this.outbox.list();
    return {
      version: AGENT_VERSION,
      dataDir: this.dataDir,
      credentialStore: this.credentials.description,
      enrollment: await this.enrollment(),
      lastCheckinAt: s.lastCheckinAt,
      lastInventoryAt: s.lastInventoryAt,
      lastInventoryKind: s.lastInventoryKind,
      lastFullInventoryAt: s.lastFullInventoryAt,
      lastError: s.lastError,
      supportId: s.supportId,
      outbox: items.map(summarize),
      outboxBytes: items.reduce((n, i) => n + i.bytes, 0),
      settings: view,
      network: this.connection.network,
      ...(tag ? { tag } : {}),
    };
  }

  onEvent(listener: (event: AgentEvent) => void): () => void {
    return this.hub.on(listener);
  }

  // ---- daemon -----------------------------------------------------------------------------------

  private dueTimes(): DueTimes {
    const s = this.state.get();
    const at = (v: string | null) => (v ? new Date(v) : null);
    return { nextCheckinAt: at(s.nextCheckinAt), nextOutboxAt: at(s.nextOutboxAt), nextInventoryAt: at(s.nextInventoryAt) };
  }

  /** First inventory after install lands anywhere in the first interval, so a fleet deployed in one
   * morning does not upload at once; "Sync now" or `deskside-agent sync` collects right away. */
  private async ensureInventoryScheduled(): Promise<void> {
    if (this.state.get().nextInventoryAt !== null) return;
    const interval = this.view.values.inventoryIntervalHours * HOUR;
    await this.state.update(() => ({ nextInventoryAt: firstRunAt(this.now(), interval, this.random).toISOString() }));
  }

  /**
   * One round of the schedule, for a daemon that runs each round in a short-lived process: check in
   * and deliver when due (or always, when `forced` by start, resume or a signal), collect the
   * inventory when due. Returns when the next round is due.
   */
  async runDue(reason: string, forced: boolean): Promise<{ readonly nextWakeAt: string | null }> {
    await this.reloadSettings();
    await this.ensureInventoryScheduled();
    for (const task of dueTasks(this.dueTimes(), this.now(), forced)) {
      const run = forced && task !== 'inventory' ? reason : 'schedule';
      await this.runTask(task, run);
    }
    return { nextWakeAt: nextDueAt(this.dueTimes(), this.now())?.toISOString() ?? null };
  }

  private async runTask(task: TaskName, reason: string): Promise<void> {
    await this.lock.run(async () => {
      await this.reloadSettings();
      const enrolled = (await this.enrollment()).state === 'enrolled';
      const settings = this.view.values;
      try {
        switch (task) {
          case 'checkin':
            await this.state.update(() => ({ nextCheckinAt: new Date(this.now().getTime() + jittered(settings.checkinIntervalMinutes * MINUTE, this.random)).toISOString() }));
            if (enrolled || (await this.identity.enrollUnattended())) await this.checkinLocked();
            break;
          case 'inventory':
            if (enrolled) await this.queueInventoryLocked(false);
            else await this.state.update(() => ({ nextInventoryAt: new Date(this.now().getTime() + settings.inventoryIntervalHours * HOUR).toISOString() }));
            break;
          case 'outbox':
            break;
        }
      } catch (e) {
        this.logger.warn(`${task} failed`, { reason, error: (e as Error).message });
        await this.state.update(() => ({ lastError: `${task}: ${(e as Error).message}` }));
      }
      if (task === 'outbox' || task === 'inventory') {
        try {
          await this.flushLocked(false);
        } catch (e) {
          this.logger.warn('delivery failed', { error: (e as Error).message });
        }
      }
      const pending = (await this.outbox.list()).filter((i) => i.failed === null);
      const times = pending.map((i) => Date.parse(i.notBefore ?? i.nextAttemptAt ?? this.now().toISOString()));
      const nextOutboxAt = times.length > 0 && enrolled ? new Date(Math.min(...times)).toISOString() : null;
      await this.state.update(() => ({ nextOutboxAt }));
    });
  }

  async start(): Promise<void> {
    if (this.scheduler) return;
    await this.reloadSettings();
    await this.ensureInventoryScheduled();
    this.scheduler = new Scheduler({ times: () => this.dueTimes(), run: (t, r) => this.runTask(t, r) }, { now: this.now });
    this.unsubscribeHost = this.options.events?.subscribe((event) => this.scheduler?.trigger(event)) ?? null;
    this.scheduler.start('start');
  }

  /** Wake-ups the scheduler has made (idle benchmark, tests). */
  get wakeups(): number {
    return this.scheduler?.wakeups ?? 0;
  }

  async stop(): Promise<void> {
    this.unsubscribeHost?.();
    await this.scheduler?.stop();
    this.scheduler = null;
    await this.lock.run(async () => undefined);
    await this.connection.close();
  }
}

export type AgentInstance = AgentCore;

/** Create the agent core: loads state, opens the outbox, resolves settings. Start the schedule with `start()`. */
export async function createAgent(options: AgentOptions): Promise<AgentInstance> {
  const agent = new AgentCore(options);
  await agent.init();
  return agent;
}
