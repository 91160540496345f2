import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { hostname, type as osType, release as osRelease } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import type { CommentSubmission, Contact, DeviceTicketView, Diagnostics, InventoryUpload, Platform } from '@deskside/shared';
import { LIMITS } from '@deskside/shared';

import { compactInventoryJson } from '../collectors/compact-json.js';
import { createSystemAccess } from '../collectors/exec/system-access.js';
import type { SystemAccess } from '../collectors/types.js';
import type {
  Agent,
  AgentEvent,
  AgentOptions,
  AgentStatus,
  DiagnoseOptions,
  EnrollInput,
  EnrollmentState,
  PolicyReader,
  SettingsView,
  SubmittedTicket,
  SyncOptions,
  SyncResult,
  TicketDraft,
} from './agent-types.js';
import { osPolicyReader } from './config/policy-reader.js';
import type { SettingsLayer } from './config/resolve-settings.js';
import { resolveSettings } from './config/resolve-settings.js';
import type { AgentSettings } from './config/settings-schema.js';
import { readUserSettings, writeUserSettings } from './config/user-settings.js';
import { DIAGNOSTIC_PROBES } from './diagnostics/probes.js';
import { runDiagnostics } from './diagnostics/run-diagnostics.js';
import type { CredentialStore, HttpTransport, Logger, Screenshot, StoredCredential } from './host.js';
import { readDeviceIdentity } from './identity/device-identity.js';
import { FileCredentialStore } from './identity/file-credential-store.js';
import type { InstallerSecret, InstallerSecretStore } from './identity/installer-secret.js';
import { osInstallerSecretStore } from './identity/installer-secret.js';
import type { InstallerTagReader } from './identity/installer-tag.js';
import { osInstallerTagReader } from './identity/installer-tag.js';
import { refusalConfirmed } from './identity/refusal-check.js';
import { collectorsInventorySource } from './inventory/collectors-source.js';
import { computeDelta } from './inventory/delta.js';
import type { InventorySource } from './inventory/inventory-source.js';
import { summarizeInventory } from './inventory/inventory-summary.js';
import { flushOutbox } from './outbox/delivery.js';
import type { OutboxItem } from './outbox/outbox-item.js';
import { Outbox, summarize } from './outbox/outbox.js';
import { Scheduler } from './schedule/scheduler.js';
import type { TaskName } from './schedule/scheduler.js';
import { firstRunAt, jittered } from './schedule/timing.js';
import { StateStore } from './state/agent-state.js';
import { EventHub } from './support/events.js';
import { silentLogger } from './support/logger.js';
import { Mutex } from './support/mutex.js';
import { currentPlatform } from './support/platform.js';
import { tryLock } from './support/process-lock.js';
import { composeTicket } from './tickets/compose-ticket.js';
import { defaultContact } from './tickets/contact.js';
import { ApiRequestError } from './transport/api-error.js';
import { DeviceApi } from './transport/device-api.js';
import { createUndiciTransport } from './transport/undici-transport.js';
import { AGENT_VERSION } from './version.js';

/** Enrollment is refused or impossible; the message says what the user or admin should do. */
export class NotEnrolledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotEnrolledError';
  }
}

/** The ticket could not be saved (disk full, queue full); `draft` holds the user's text to show back. */
export class TicketNotSavedError extends Error {
  constructor(
    message: string,
    readonly draft: TicketDraft,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TicketNotSavedError';
  }
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

const transportKey = (s: AgentSettings) => JSON.stringify([s.proxyUrl, s.extraCaFile, s.serverKeyPins]);

class AgentCore implements Agent {
  readonly dataDir: string;
  private readonly platform: Platform;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly credentials: CredentialStore;
  private readonly state: StateStore;
  private readonly policy: PolicyReader;
  private readonly installerSecret: InstallerSecretStore;
  private readonly installerTag: InstallerTagReader;
  private readonly userFile: string;
  private readonly inventory: InventorySource;
  private readonly system: SystemAccess;
  private readonly hub = new EventHub();
  private readonly lock = new Mutex();
  private outbox!: Outbox;
  private view!: SettingsView;
  private ownTransport: { key: string; transport: HttpTransport } | null = null;
  private scheduler: Scheduler | null = null;
  private unsubscribeHost: (() => void) | null = null;
  private policyCache: { at: number; layer: SettingsLayer } | null = null;
  private readonly reportedProblems = new Set<string>();
  private tagCache: { at: number; tag: string | undefined; problem: string | null } | null = null;

  constructor(private readonly options: AgentOptions) {
    this.dataDir = options.dataDir;
    this.platform = options.platform ?? currentPlatform();
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? silentLogger;
    this.credentials = options.credentialStore ?? new FileCredentialStore(join(this.dataDir, 'credential.json'));
    this.state = new StateStore(this.dataDir);
    this.system = options.system ?? createSystemAccess();
    this.policy = options.policy ?? osPolicyReader(this.platform, this.system);
    this.installerSecret = options.installerSecret ?? osInstallerSecretStore(this.platform, this.system);
    this.installerTag = options.installerTag ?? osInstallerTagReader(this.platform, this.system);
    this.userFile = options.configFile ?? join(this.dataDir, 'settings.json');
    this.inventory = options.inventory ?? collectorsInventorySource;
  }

  async init(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await this.state.load();
    this.outbox = await Outbox.open(join(this.dataDir, 'outbox'), this.now);
    await this.reloadSettings();
  }

  // ---- settings ---------------------------------------------------------------------------------

  /**
   * Managed policy changes rarely and reading it can start a process (reg.exe, plutil): read it at
   * most once a minute.
   */
  private async readPolicy(): Promise<SettingsLayer> {
    const now = Date.now();
    if (this.policyCache && now - this.policyCache.at < (this.options.policyRefreshMs ?? 60_000)) return this.policyCache.layer;
    let layer: SettingsLayer;
    try {
      layer = { values: await this.policy.read() };
    } catch (e) {
      layer = { values: {}, error: (e as Error).message };
    }
    this.policyCache = { at: now, layer };
    return layer;
  }

  private async reloadSettings(): Promise<SettingsView> {
    const policy = await this.readPolicy();
    const user = await readUserSettings(this.userFile);
    const server: SettingsLayer = { values: this.state.get().pushedSettings ?? {} };
    const { view, lastGood } = resolveSettings({ policy, server, user, lastGood: this.state.get().lastGood });
    const before = this.view ? JSON.stringify(this.view.values) : null;
    this.view = view;
    if (JSON.stringify(lastGood) !== JSON.stringify(this.state.get().lastGood)) await this.state.update(() => ({ lastGood }));
    // Report each problem once, not on every reload: the file is re-read before most operations.
    for (const problem of view.problems) {
      const key = JSON.stringify(problem);
      if (this.reportedProblems.has(key)) continue;
      this.reportedProblems.add(key);
      this.logger.warn('configuration problem', { ...problem });
      this.hub.emit({ type: 'config-problem', problem });
    }
    const current = new Set(view.problems.map((p) => JSON.stringify(p)));
    for (const key of this.reportedProblems) if (!current.has(key)) this.reportedProblems.delete(key);
    if (before !== null && before !== JSON.stringify(view.values)) this.hub.emit({ type: 'settings-changed', settings: view });
    return view;
  }

  async settings(): Promise<SettingsView> {
    return this.reloadSettings();
  }

  /** The installer's rollout tag, read like the policy at most once a minute; a bad one is reported once and not sent. */
  private async recordedTag(): Promise<string | undefined> {
    const now = Date.now();
    const cached = this.tagCache;
    if (cached && now - cached.at < (this.options.policyRefreshMs ?? 60_000)) return cached.tag;
    let tag: string | undefined;
    let problem: string | null = null;
    try {
      tag = (await this.installerTag.read()) ?? undefined;
    } catch (e) {
      problem = (e as Error).message;
      if (problem !== cached?.problem) this.logger.warn(problem);
    }
    this.tagCache = { at: now, tag, problem };
    return tag;
  }

  async updateUserSettings(patch: Partial<AgentSettings>): Promise<SettingsView> {
    const current = await this.reloadSettings();
    const locked = Object.keys(patch).filter((k) => (current.locked as readonly string[]).includes(k));
    if (locked.length > 0) throw new Error(`set by your organisation's policy and cannot be changed: ${locked.join(', ')}`);
    const user = await readUserSettings(this.userFile);
    if (user.error) throw new Error(`${user.error}; fix or remove the file first`);
    await writeUserSettings(this.userFile, { ...user.values, ...patch });
    const view = await this.reloadSettings();
    const bad = view.problems.filter((p) => p.source === 'user' && Object.hasOwn(patch, p.key));
    if (bad.length > 0) throw new Error(bad.map((p) => `${p.key}: ${p.message}`).join('; '));
    return view;
  }

  // ---- transport and API ------------------------------------------------------------------------

  private async transport(): Promise<HttpTransport> {
    if (this.options.transport) return this.options.transport;
    const key = transportKey(this.view.values);
    if (this.ownTransport?.key === key) return this.ownTransport.transport;
    const old = this.ownTransport;
    this.ownTransport = { key, transport: await createUndiciTransport(this.view.values) };
    await old?.transport.close();
    return this.ownTransport.transport;
  }

  private async api(credential: StoredCredential | null, serverUrl?: string): Promise<DeviceApi> {
    const url = serverUrl ?? credential?.serverUrl ?? this.view.values.serverUrl;
    if (!url) throw new NotEnrolledError('No server is configured: run "deskside-agent enroll --server URL --enroll-secret SECRET"');
    return new DeviceApi({
      transport: await this.transport(),
      serverUrl: url,
      allowInsecureHttp: this.view.values.allowInsecureHttp,
      agentVersion: AGENT_VERSION,
      credential: credential?.credential ?? null,
      now: this.now,
    });
  }

  // ---- enrollment -------------------------------------------------------------------------------

  private notEnrolledReason(): string {
    return this.state.get().notEnrolledReason ?? 'This device has not been enrolled yet';
  }

  private async enrollment(): Promise<EnrollmentState> {
    const credential = await this.credentials.load();
    if (credential) return { state: 'enrolled', deviceId: credential.deviceId, serverUrl: credential.serverUrl, enrolledAt: credential.enrolledAt };
    return { state: 'not-enrolled', reason: this.notEnrolledReason() };
  }

  enroll(input: EnrollInput = {}): Promise<EnrollmentState> {
    return this.lock.run(() => this.enrollLocked(input));
  }

  /** The installer's protected secret, when this process may read it; an unusable one stops enrollment. */
  private async readInstallerSecret(): Promise<InstallerSecret | null> {
    let secret: InstallerSecret | null;
    try {
      secret = await this.installerSecret.read();
    } catch (e) {
      throw new NotEnrolledError(`Cannot enroll: ${(e as Error).message}`);
    }
    if (secret?.warning) this.logger.warn(secret.warning);
    return secret;
  }

  /** Spent: delete the installer's secret where this process may, and say what became of it (never its value). */
  private async consumeInstallerSecret(secret: InstallerSecret): Promise<void> {
    try {
      const outcome = await this.installerSecret.consume(secret);
      switch (outcome.done) {
        case 'deleted':
        case 'blanked':
          this.logger.info(`enrolled with the installer's enrollment secret; ${outcome.done} it`, { location: secret.location });
          break;
        case 'kept':
          this.logger.warn("enrolled with the installer's enrollment secret; it stays in place", { location: secret.location, reason: outcome.reason });
          break;
      }
    } catch (e) {
      this.logger.warn("enrolled, but the installer's enrollment secret could not be removed", { location: secret.location, error: (e as Error).message });
    }
  }

  /**
   * `installer`: the protected secret when the caller already read it (undefined: read it here if no
   * other secret is given). Only a secret that came from there is consumed after success.
   */
  private async enrollLocked(input: EnrollInput, installer?: InstallerSecret | null): Promise<EnrollmentState> {
    const view = await this.reloadSettings();
    if (input.serverUrl && view.sourceOf.serverUrl === 'policy' && input.serverUrl !== view.values.serverUrl) {
      throw new NotEnrolledError(`The server is set by your organisation's policy (${view.values.serverUrl}); enroll without --server`);
    }
    const serverUrl = input.serverUrl ?? view.values.serverUrl;
    if (!serverUrl) throw new NotEnrolledError('No server URL: pass --server URL or set serverUrl in the configuration');
    let secret = input.enrollSecret ?? view.values.enrollSecret;
    const provided = secret ? null : installer === undefined ? await this.readInstallerSecret() : installer;
    secret ??= provided?.value ?? null;
    if (!secret) {
      throw new NotEnrolledError(
        'No enrollment secret: pass --enroll-secret, set enrollSecret in the configuration, or let the agent service enroll with the secret given to the installer',
      );
    }
    const api = await this.api(null, serverUrl);
    const device = await readDeviceIdentity();
    const tag = await this.recordedTag();
    let res;
    try {
      res = await api.enroll({
        enrollSecret: secret,
        device,
        platform: this.platform,
        osName: `${osType()} ${osRelease()}`.slice(0, 256),
        agentVersion: AGENT_VERSION,
        ...(tag ? { tag } : {}),
      });
    } catch (e) {
      if (e instanceof ApiRequestError && (e.status === 401 || e.status === 403)) {
        const from = provided ? ` from ${provided.location}` : '';
        throw new NotEnrolledError(`The server refused the enrollment secret${from} (${e.message}); ask IT for the current secret`);
      }
      throw e;
    }
    const stored: StoredCredential = { serverUrl, deviceId: res.deviceId, credential: res.credential, enrolledAt: this.now().toISOString() };
    await this.credentials.save(stored);
    await this.state.update(() => ({ notEnrolledReason: null, pushedSettings: res.settings, fullInventoryRequested: true }));
    if (provided) await this.consumeInstallerSecret(provided);
    // Remember the server for the next run (the secret is never written: it was used once).
    if (view.sourceOf.serverUrl !== 'policy' && view.values.serverUrl !== serverUrl) {
      const user = await readUserSettings(this.userFile);
      // The credential already names its server: a read-only settings file must not undo the enrollment.
      if (!user.error) {
        await writeUserSettings(this.userFile, { ...user.values, serverUrl }).catch((e: unknown) =>
          this.logger.warn('enrolled, but the server URL could not be saved in the settings file', { file: this.userFile, error: (e as Error).message }),
        );
      }
    }
    await this.reloadSettings();
    const state = await this.enrollment();
    this.logger.info('enrolled', { deviceId: res.deviceId, server: api.origin });
    this.hub.emit({ type: 'enrollment-changed', enrollment: state });
    return state;
  }

  /**
   * The server no longer knows the credential. With an enrollment secret configured, enroll again
   * once (same hardware identity → same device); otherwise clear it and show "not enrolled".
   */
  private async handleUnauthorized(): Promise<StoredCredential | null> {
    const view = this.view;
    const previous = await this.credentials.load();
    // Only a refusal confirmed by a second request clears the identity; else the caller retries with it.
    if (previous && !(await refusalConfirmed(async () => (await this.api(previous)).listTickets(), this.options.sleep))) return previous;
    await this.credentials.clear();
    const serverUrl = previous?.serverUrl ?? view.values.serverUrl;
    // A secret in the configuration, or the installer's while it is still there (Linux keeps a read-only copy).
    const installer = view.values.enrollSecret || !serverUrl ? null : await this.readInstallerSecret().catch(() => null);
    if ((view.values.enrollSecret || installer) && serverUrl) {
      try {
        await this.enrollLocked({ serverUrl, ...(view.values.enrollSecret ? { enrollSecret: view.values.enrollSecret } : {}) }, installer);
        this.logger.warn('credential refused by the server; enrolled again with the configured secret');
        return this.credentials.load();
      } catch (e) {
        await this.markNotEnrolled(`The server refused this device's credential and re-enrollment failed: ${(e as Error).message}`);
        return null;
      }
    }
    await this.markNotEnrolled('The server no longer recognises this device (credential revoked or unknown). Enroll it again.');
    return null;
  }

  private async markNotEnrolled(reason: string): Promise<void> {
    await this.state.update(() => ({ notEnrolledReason: reason, lastError: reason }));
    this.logger.error(reason);
    this.hub.emit({ type: 'enrollment-changed', enrollment: { state: 'not-enrolled', reason } });
  }

  /** Run `fn` with the credential; on 401 re-enroll once (when possible) and retry once. */
  private async withCredential<T>(fn: (api: DeviceApi) => Promise<T>): Promise<T> {
    const credential = await this.credentials.load();
    if (!credential) throw new NotEnrolledError(this.notEnrolledReason());
    try {
      return await fn(await this.api(credential));
    } catch (e) {
      if (!(e instanceof ApiRequestError) || e.kind !== 'unauthorized') throw e;
      const renewed = await this.handleUnauthorized();
      if (!renewed) throw new NotEnrolledError(this.notEnrolledReason());
      return fn(await this.api(renewed));
    }
  }

  // ---- check-in ---------------------------------------------------------------------------------

  private async checkinLocked(): Promise<void> {
    const queued = (await this.outbox.list()).length;
    const tag = await this.recordedTag();
    const res = await this.withCredential((api) =>
      api.checkin({
        agentVersion: AGENT_VERSION,
        hostname: hostname().slice(0, 256) || 'unknown',
        ticketCursor: this.state.get().ticketCursor,
        outboxItems: queued,
        ...(tag ? { tag } : {}),
      }),
    );
    const tickets = new Map(this.state.get().tickets.map((t) => [t.id, t]));
    for (const update of res.ticketUpdates) tickets.set(update.ticket.id, update.ticket);
    await this.state.update((s) => ({
      lastCheckinAt: this.now().toISOString(),
      pushedSettings: res.settings,
      fullInventoryRequested: s.fullInventoryRequested || res.sendFullInventory,
      ticketCursor: res.ticketCursor,
      tickets: [...tickets.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 200),
      lastError: null,
    }));
    await this.reloadSettings();
    this.hub.emit({ type: 'checked-in', at: this.now().toISOString() });
    for (const u of res.ticketUpdates) {
      this.hub.emit({ type: 'ticket-updated', ticket: u.ticket, statusChanged: u.statusChanged, newTechnicianMessages: u.newTechnicianMessages });
    }
  }

  // ---- inventory --------------------------------------------------------------------------------

  private async queueInventoryLocked(forceFull: boolean, signal?: AbortSignal): Promise<SyncResult['inventory']> {
    const settings = this.view.values;
    const collected = await this.inventory.collect({
      disabledCategories: settings.disabledCategories,
      backupStaleDays: settings.backupStaleDays,
      cacheDir: join(this.dataDir, 'cache'),
      ...(signal ? { signal } : {}),
    });
    const state = this.state.get();
    const delta = computeDelta({
      document: collected,
      ackedHashes: state.ackedSectionHashes,
      lastFullAt: state.lastFullInventoryAt,
      now: this.now(),
      forceFull: forceFull || state.fullInventoryRequested,
    });
    // A queued older inventory is superseded: the new delta is computed against what the server has.
    for (const old of await this.outbox.list()) if (old.kind === 'inventory') await this.outbox.remove(old.id);
    const upload: InventoryUpload = { uploadId: randomUUID(), document: delta.document };
    // The compact form leaves out unknown package values; the server's schema reads them back as null.
    const json = `{"uploadId":${JSON.stringify(upload.uploadId)},"document":${compactInventoryJson(upload.document)}}`;
    const body = gzipSync(Buffer.from(json, 'utf8'));
    const { warnings } = await this.outbox.enqueue(
      {
        id: upload.uploadId,
        kind: 'inventory',
        label: `${delta.kind} inventory (${delta.reason})`,
        body,
        inventory: { kind: delta.kind, sections: [...delta.changed], sectionHashes: { ...delta.hashes } },
      },
      this.caps(),
    );
    for (const message of warnings) this.hub.emit({ type: 'outbox-warning', message });
    await this.state.update(() => ({
      lastInventorySummary: summarizeInventory(collected),
      nextInventoryAt: new Date(this.now().getTime() + jittered(settings.inventoryIntervalHours * HOUR, this.random)).toISOString(),
    }));
    return { kind: delta.kind, sections: delta.changed, queuedId: upload.uploadId };
  }

  private caps() {
    return { maxBytes: this.view.values.outboxMaxMegabytes * 1024 * 1024, maxAgeMs: this.view.values.outboxMaxAgeDays * 24 * HOUR };
  }

  // ---- outbox -----------------------------------------------------------------------------------

  private async flushLocked(ignoreBackoff: boolean, retryFailed = false): Promise<{ delivered: string[]; errors: string[] }> {
    for (const message of await this.outbox.enforceAge(this.caps().maxAgeMs)) this.hub.emit({ type: 'outbox-warning', message });
    const credential = await this.credentials.load();
    if (!credential) return { delivered: [], errors: (await this.outbox.list()).length > 0 ? ['not enrolled: queued items wait for enrollment'] : [] };
    const release = await tryLock(join(this.dataDir, 'deliver.lock'));
    if (!release) return { delivered: [], errors: ['another Deskside agent process on this machine is delivering the queue right now'] };
    try {
      return await this.deliverRounds(credential, ignoreBackoff, retryFailed);
    } finally {
      await release();
    }
  }

  private async deliverRounds(credential: StoredCredential, ignoreBackoff: boolean, retryFailed: boolean): Promise<{ delivered: string[]; errors: string[] }> {
    const delivered: string[] = [];
    const errors: string[] = [];
    let api = await this.api(credential);
    for (let round = 0; round < 2; round += 1) {
      const result = await flushOutbox(this.outbox, api, {
        now: this.now,
        random: this.random,
        ignoreBackoff,
        retryFailed,
        onDelivered: (item, res) => this.onDelivered(item, res.bytesSent),
        onFailed: (item, permanent, message) => this.hub.emit({ type: 'delivery-failed', item, permanent, message }),
      });
      delivered.push(...result.delivered.map((i) => i.id));
      errors.push(...result.errors);
      if (!result.unauthorized) break;
      const renewed = await this.handleUnauthorized();
      if (!renewed) break;
      api = await this.api(renewed);
    }
    if (errors.length > 0) await this.state.update(() => ({ lastError: errors[errors.length - 1] ?? null }));
    return { delivered, errors };
  }

  private async onDelivered(item: OutboxItem, bytesSent: number): Promise<void> {
    this.hub.emit({ type: 'delivered', item: summarize(item) });
    if (item.kind !== 'inventory' || !item.inventory) return;
    const inv = item.inventory;
    const at = this.now().toISOString();
    await this.state.update((s) => ({
      ackedSectionHashes: inv.sectionHashes,
      lastInventoryAt: at,
      lastInventoryKind: inv.kind,
      ...(inv.kind === 'full' ? { lastFullInventoryAt: at, fullInventoryRequested: false } : {}),
      nextInventoryAt: s.nextInventoryAt,
    }));
    this.hub.emit({ type: 'inventory-uploaded', kind: inv.kind, bytesSent });
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

  async addComment(ticketId: string, body: string): Promise<SubmittedTicket> {
    const text = body.trim();
    if (text === '') throw new Error('The reply is empty');
    if (text.length > LIMITS.longText) throw new Error(`The reply is ${text.length} characters; the limit is ${LIMITS.longText}`);
    const comment: CommentSubmission = { id: randomUUID(), body: text, createdAt: this.now().toISOString() };
    return this.lock.run(async () => {
      await this.outbox.enqueue({ id: comment.id, kind: 'comment', label: `reply to ticket ${ticketId}`, body: JSON.stringify(comment), ticketId }, this.caps());
      return this.deliverNow(comment.id);
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
      outbox: items.map(summarize),
      outboxBytes: items.reduce((n, i) => n + i.bytes, 0),
      settings: view,
      ...(tag ? { tag } : {}),
    };
  }

  onEvent(listener: (event: AgentEvent) => void): () => void {
    return this.hub.on(listener);
  }

  // ---- daemon -----------------------------------------------------------------------------------

  private due(task: TaskName): Date | null {
    const s = this.state.get();
    const at = (v: string | null) => (v ? new Date(v) : null);
    switch (task) {
      case 'checkin':
        return at(s.nextCheckinAt);
      case 'inventory':
        return at(s.nextInventoryAt);
      case 'outbox':
        return at(s.nextOutboxAt);
    }
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
    for (const task of ['checkin', 'outbox', 'inventory'] as const) {
      const due = this.due(task);
      const isDue = due === null ? task !== 'inventory' : due.getTime() <= this.now().getTime();
      if (isDue || (forced && task !== 'inventory')) await this.runTask(task, forced ? reason : 'schedule');
    }
    const times = (['checkin', 'outbox', 'inventory'] as const).map((t) => this.due(t)?.getTime()).filter((t): t is number => t !== undefined);
    return { nextWakeAt: times.length > 0 ? new Date(Math.min(...times)).toISOString() : null };
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
            if (enrolled) await this.checkinLocked();
            else if (settings.serverUrl && this.state.get().notEnrolledReason === null) {
              // Deployed with a server and a secret (policy, or the installer's protected copy): enroll
              // without anyone typing anything. No secret here (a user's tray app): stay "not enrolled".
              let enrolledNow = false;
              try {
                const installer = settings.enrollSecret ? null : await this.readInstallerSecret();
                if (settings.enrollSecret || installer) {
                  await this.enrollLocked({}, installer);
                  enrolledNow = true;
                }
              } catch (e) {
                // A refused or unusable secret stops the attempts (no silent loop); an unreachable server is retried.
                if (e instanceof NotEnrolledError) await this.markNotEnrolled(`Automatic enrollment failed: ${e.message}`);
                throw e;
              }
              if (enrolledNow) await this.checkinLocked();
            }
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
    this.scheduler = new Scheduler({ due: (t) => this.due(t), run: (t, r) => this.runTask(t, r) }, { now: this.now });
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
    await this.ownTransport?.transport.close();
    this.ownTransport = null;
  }
}

export type AgentInstance = AgentCore;

/** Create the agent core: loads state, opens the outbox, resolves settings. Start the schedule with `start()`. */
export async function createAgent(options: AgentOptions): Promise<AgentInstance> {
  const agent = new AgentCore(options);
  await agent.init();
  return agent;
}
