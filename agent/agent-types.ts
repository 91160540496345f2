import type {
  ArticleLocale,
  Category,
  Contact,
  DeviceArticle,
  DeviceTicketView,
  DiagnosticItemId,
  Diagnostics,
  Impact,
  Platform,
  SupportId,
  TicketCategory,
  Urgency,
} from '@deskside/shared';

import type { SystemAccess } from '../collectors/types.js';
import type { AgentSettings, SettingSource } from './config/settings-schema.js';
import type { NetworkPath } from './core/server-connection.js';
import type { CredentialStore, HostEvents, HttpTransport, Logger, Screenshot, ScreenshotProvider } from './host.js';
import type { DeviceKeyStore } from './identity/device-key.js';
import type { InstallerSecretStore } from './identity/installer-secret.js';
import type { InstallerTagReader } from './identity/installer-tag.js';
import type { InventorySource } from './inventory/inventory-source.js';

/** Everything `createAgent` needs; only `dataDir` is required, the rest has headless defaults. */
export interface AgentOptions {
  /** State, outbox and (headless) credential live here. Created 0700 if missing. */
  readonly dataDir: string;
  /** The user's settings file (default `<dataDir>/settings.json`). */
  readonly configFile?: string;
  /** Default: an owner-only file `<dataDir>/credential.json`. */
  readonly credentialStore?: CredentialStore;
  /** Default: undici with timeouts, proxy from config or HTTPS_PROXY/NO_PROXY, extra CA, SPKI pin. */
  readonly transport?: HttpTransport;
  /** Resume / network-change notifications; each triggers a check-in. */
  readonly events?: HostEvents;
  readonly screenshots?: ScreenshotProvider;
  /** Default: the collectors' runner. */
  readonly inventory?: InventorySource;
  /** Default: execFile-based access to the local OS (never a shell). */
  readonly system?: SystemAccess;
  readonly logger?: Logger;
  /** Managed policy source override (tests); default reads the OS's policy store. */
  readonly policy?: PolicyReader;
  /** The enrollment secret an installer left for the service (default: the OS's protected place). */
  readonly installerSecret?: InstallerSecretStore;
  /** The rollout tag the installer recorded (default: the OS's place, see docs/policy.md). */
  readonly installerTag?: InstallerTagReader;
  /**
   * Where the device key lives (default: CNG machine key on Windows, System keychain on macOS, each
   * falling back to `<dataDir>/device-key.pem`; that file on Linux). See identity/os-device-key-store.ts.
   */
  readonly deviceKeyStore?: DeviceKeyStore;
  /** How long a policy read is reused (default 60 s; reading may start reg.exe or plutil). */
  readonly policyRefreshMs?: number;
  readonly platform?: Platform;
  readonly now?: () => Date;
  /** Uniform [0,1) for jitter; tests pin it. */
  readonly random?: () => number;
  /** Waits before a refused credential is asked about again (default: a real timer; tests pass their own). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface PolicyReader {
  /** Raw values as the policy store holds them; validated by the resolver, which names the source. */
  read(): Promise<Readonly<Record<string, unknown>>>;
  readonly description: string;
}

export interface ConfigProblem {
  readonly source: SettingSource | 'file';
  readonly key: string;
  readonly message: string;
}

export interface SettingsView {
  readonly values: AgentSettings;
  readonly sourceOf: Readonly<Record<keyof AgentSettings, SettingSource>>;
  /** Keys set by managed policy: the user cannot change them. */
  readonly locked: readonly (keyof AgentSettings)[];
  readonly problems: readonly ConfigProblem[];
}

export type EnrollmentState =
  | { readonly state: 'enrolled'; readonly deviceId: string; readonly serverUrl: string; readonly enrolledAt: string }
  | { readonly state: 'not-enrolled'; readonly reason: string };

export interface OutboxItemSummary {
  readonly id: string;
  readonly kind: 'inventory' | 'ticket' | 'comment' | 'diagnostics' | 'feedback' | 'article-feedback';
  readonly label: string;
  readonly createdAt: string;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly bytes: number;
  /** Set when the server refused the item for good; it stays until the user or an admin acts. */
  readonly failed: { readonly status: number | null; readonly message: string } | null;
  readonly lastError: string | null;
}

export interface AgentStatus {
  readonly version: string;
  readonly dataDir: string;
  readonly credentialStore: string;
  readonly enrollment: EnrollmentState;
  readonly lastCheckinAt: string | null;
  readonly lastInventoryAt: string | null;
  readonly lastInventoryKind: 'full' | 'partial' | null;
  readonly lastFullInventoryAt: string | null;
  readonly lastError: string | null;
  /**
   * The first remote-assistance ID the last inventory found (AnyDesk, TeamViewer, RustDesk); null when
   * none. Absent from a service older than this field.
   */
  readonly supportId?: SupportId | null;
  readonly outbox: readonly OutboxItemSummary[];
  readonly outboxBytes: number;
  readonly settings: SettingsView;
  /**
   * The way the agent's own traffic goes (direct or which proxy, and why), a proxy's refusal in force,
   * and what its TLS trusts. Absent when the host supplies the transport (the tray's Electron `net`).
   */
  readonly network?: NetworkPath;
  /** The rollout tag the installer recorded, sent at enrollment and check-in; absent when none. */
  readonly tag?: string;
  /** Set when this status came from the machine's agent service through its local endpoint. */
  readonly service?: { readonly endpoint: string; readonly account: string | null };
}

export interface SyncOptions {
  /** Send every section even if unchanged. */
  readonly fullInventory?: boolean;
  /** Skip collecting; only check in and flush the outbox. */
  readonly skipInventory?: boolean;
  readonly signal?: AbortSignal;
  /** Progress lines for a human (the CLI prints them on stderr). */
  readonly onProgress?: (message: string) => void;
}

export interface SyncResult {
  readonly enrolled: boolean;
  readonly checkedIn: boolean;
  readonly inventory: { readonly kind: 'full' | 'partial'; readonly sections: readonly Category[]; readonly queuedId: string } | null;
  readonly delivered: readonly string[];
  /** Items still in the outbox after this flush (retry later or failed for good). */
  readonly remaining: readonly OutboxItemSummary[];
  readonly errors: readonly string[];
}

export interface AttachmentInput {
  readonly path: string;
  /** Shown to the technician; default the file's base name. */
  readonly name?: string;
}

export interface TicketDraft {
  /** Client-chosen id (a retried submission must not double the ticket); default a new UUID. */
  readonly id?: string;
  /** The OS account that filed it, as the service proved it (never taken from the caller's word). */
  readonly requester?: { readonly id: string; readonly name: string };
  readonly subject: string;
  readonly description: string;
  readonly category?: TicketCategory;
  readonly urgency?: Urgency;
  readonly impact?: Impact;
  /** Default: previous ticket's contact, else the OS account's name. */
  readonly contact?: Partial<Contact>;
  readonly attachments?: readonly AttachmentInput[];
  /** Files already read (the service receives a user's files from the user's own client). */
  readonly files?: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  /** A capture from the ScreenshotProvider (or any PNG/JPEG), refused when policy forbids screenshots. */
  readonly screenshot?: Screenshot;
  /** Diagnostics gathered earlier (what the user reviewed), `false` for none, undefined to gather now. */
  readonly diagnostics?: Diagnostics | false;
  /** Items the user unticked (when gathering now). */
  readonly omitDiagnostics?: readonly DiagnosticItemId[];
  readonly locale?: string | null;
}

export interface SubmittedTicket {
  readonly id: string;
  /** True when the server already acknowledged it; false when it waits in the outbox. */
  readonly delivered: boolean;
  readonly number: number | null;
  readonly error: string | null;
}

/** A queued ticket or reply handed over by another agent of this machine, exactly as it queued it. */
export interface AdoptedItem {
  readonly id: string;
  readonly kind: 'ticket' | 'comment' | 'feedback';
  readonly label: string;
  readonly body: string;
  readonly ticketId?: string;
  readonly attachments: readonly { readonly field: string; readonly name: string; readonly type: string; readonly bytes: Uint8Array }[];
}

export interface DiagnoseOptions {
  readonly omit?: readonly DiagnosticItemId[];
  readonly signal?: AbortSignal;
}

export type AgentEvent =
  | { readonly type: 'enrollment-changed'; readonly enrollment: EnrollmentState }
  | { readonly type: 'sync-started' }
  | { readonly type: 'sync-finished'; readonly result: SyncResult }
  | { readonly type: 'checked-in'; readonly at: string }
  | { readonly type: 'inventory-uploaded'; readonly kind: 'full' | 'partial'; readonly bytesSent: number }
  | { readonly type: 'delivered'; readonly item: OutboxItemSummary }
  | { readonly type: 'delivery-failed'; readonly item: OutboxItemSummary; readonly permanent: boolean; readonly message: string }
  | { readonly type: 'outbox-warning'; readonly message: string }
  | { readonly type: 'ticket-updated'; readonly ticket: DeviceTicketView; readonly statusChanged: boolean; readonly newTechnicianMessages: number }
  | { readonly type: 'settings-changed'; readonly settings: SettingsView }
  | { readonly type: 'config-problem'; readonly problem: ConfigProblem };

export interface EnrollInput {
  readonly serverUrl?: string;
  readonly enrollSecret?: string;
}

/** The facade both the tray app and the `deskside-agent` CLI use. */
export interface ArticleQueryOptions {
  /** Words to search for; without them, the whole offline copy (refreshed when stale). */
  readonly query?: string;
  readonly locale?: ArticleLocale;
  /** Fetch the whole copy again now. */
  readonly refresh?: boolean;
  /** `false` for suggestions while the user types: only committed searches count in IT's reports. */
  readonly record?: boolean;
  readonly limit?: number;
}

export interface ArticleResult {
  readonly articles: readonly DeviceArticle[];
  /** `server`: the server's search; `offline`: the agent's copy (the server did not answer, or no query). */
  readonly source: 'server' | 'offline';
  /** When the offline copy was fetched (or now, for a server search); null when there is none. */
  readonly fetchedAt: string | null;
  /** Why the server was not used, when it was asked and failed. */
  readonly error: string | null;
}

/** A file of one of the device's tickets, fetched from the server for the user to open. */
export interface TicketFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

export interface Agent {
  readonly dataDir: string;
  enroll(input?: EnrollInput): Promise<EnrollmentState>;
  status(): Promise<AgentStatus>;
  settings(): Promise<SettingsView>;
  /** Change the user's own settings; keys locked by policy are refused with a clear error. */
  updateUserSettings(patch: Partial<AgentSettings>): Promise<SettingsView>;
  syncNow(options?: SyncOptions): Promise<SyncResult>;
  submitTicket(draft: TicketDraft): Promise<SubmittedTicket>;
  listTickets(options?: { readonly refresh?: boolean }): Promise<readonly DeviceTicketView[]>;
  addComment(ticketId: string, body: string, options?: { readonly id?: string }): Promise<SubmittedTicket>;
  /** "It is fixed", "still broken" (reopens with the text) or a rating, through the outbox like a reply. */
  sendFeedback(ticketId: string, draft: FeedbackDraft, options?: { readonly id?: string }): Promise<SubmittedTicket>;
  /** A file filed with one of the device's tickets or sent with a technician's public reply; needs the server. */
  ticketFile(ticketId: string, attachmentId: string): Promise<TicketFile>;
  /** Public help articles: the best matches for a query, or the offline copy. */
  articles(options?: ArticleQueryOptions): Promise<ArticleResult>;
  /** "This solved it": queued and delivered like a reply (never lost), counted by IT as an answered report. */
  articleSolved(articleId: string, query: string, options?: { readonly id?: string }): Promise<SubmittedTicket>;
  diagnose(options?: DiagnoseOptions): Promise<Diagnostics>;
  /** Previous contact or OS account, for the ticket form. */
  defaultContact(): Promise<Contact>;
  /** A screenshot from the host's ScreenshotProvider; refused when policy forbids screenshots. */
  captureScreenshot(): Promise<Screenshot>;
  /** Give items the server refused one more try (after IT fixed the cause). */
  retryFailed(): Promise<{ readonly delivered: readonly string[]; readonly errors: readonly string[] }>;
  /** Remove one queued item on the user's or an admin's say-so. */
  discard(id: string): Promise<void>;
  /** One round of the schedule (used by the headless daemon's short-lived rounds). */
  runDue(reason: string, forced: boolean): Promise<{ readonly nextWakeAt: string | null }>;
  onEvent(listener: (event: AgentEvent) => void): () => void;
  /** Start the schedule (daemon mode): check-in, inventory and outbox retries. */
  start(): Promise<void>;
  /** Stop timers, wait for the running task, close the transport. */
  stop(): Promise<void>;
}

/** What the user answers on a resolved or closed ticket, before it gets its id and time. */
export type FeedbackDraft =
  | { readonly kind: 'confirm' }
  | { readonly kind: 'still-broken'; readonly body: string }
  | { readonly kind: 'rating'; readonly rating: number; readonly body?: string | null };
