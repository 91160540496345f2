import { z } from 'zod';

import { DiagnosticItemIdSchema, type DiagnosticItemSchema } from './diagnostics.js';
import type { SupportId } from './inventory/remote-access.js';
import type { IpcEventChannel, IpcRequestChannel } from './ipc-channels.js';
import { ARTICLE_LIMITS, type DeviceArticle } from './kb/kb-api.js';
import { LIMITS, anyText, list, maybeText, text, uuid } from './limits.js';
import {
  ALLOWED_ATTACHMENT_TYPES,
  type AttachmentMetaSchema,
  ContactSchema,
  type DeviceTicketViewSchema,
  ImpactSchema,
  TicketCategorySchema,
  type TicketSubmissionSchema,
  UrgencySchema,
} from './ticket.js';

/**
 * The tray app's one IPC contract: every request the renderer may make (channel → argument tuple →
 * result) and every event the main process pushes. Request arguments are zod schemas because the main
 * process validates everything that crosses the bridge; results are plain types built by our own code.
 * Channel names live in ipc-channels.ts (zod-free) so the sandboxed preload stays small.
 */

export { IPC_EVENT_CHANNELS, IPC_REQUEST_CHANNELS } from './ipc-channels.js';
export type { IpcEventChannel, IpcRequestChannel } from './ipc-channels.js';

/** The tray app's screens; a tray menu item or a notification opens one of them. */
export const VIEWS = ['report', 'tickets', 'help', 'device', 'settings', 'about'] as const;
export const ViewSchema = z.enum(VIEWS);
export type View = z.infer<typeof ViewSchema>;

export const RouteSchema = z.strictObject({
  view: ViewSchema,
  /** For `tickets`: the ticket to open. */
  ticketId: uuid.optional(),
  /** For `help`: the article to open. */
  articleId: uuid.optional(),
});
export type Route = z.infer<typeof RouteSchema>;

export const UI_LANGUAGES = ['en', 'zh-CN'] as const;
export const UiLanguageSchema = z.enum(UI_LANGUAGES);
export type UiLanguage = z.infer<typeof UiLanguageSchema>;

// ---------------------------------------------------------------------------------------------------
// Results (main → renderer)

export interface AppInfo {
  readonly productName: string;
  readonly version: string;
  readonly versions: { readonly electron: string; readonly chrome: string; readonly node: string };
  readonly os: string;
  readonly platform: 'win32' | 'darwin' | 'linux';
  readonly serverUrl: string | null;
  readonly deviceId: string | null;
  readonly computerName: string;
  readonly userName: string;
  /** The language the UI should speak: the user's choice, else the OS language, else English. */
  readonly language: UiLanguage;
  /** The remote-assistance ID the user can read out to the help desk ("Your support ID"); null when no tool is installed. */
  readonly supportId: SupportId | null;
}

/** Tray colour: all well / something needs attention / cannot reach the server. */
export const TRAY_HEALTH = ['ok', 'attention', 'offline'] as const;
export type TrayHealth = (typeof TRAY_HEALTH)[number];

export interface TrayStatus {
  readonly health: TrayHealth;
  readonly enrolled: boolean;
  readonly online: boolean;
  readonly lastContactAt: string | null;
  readonly lastInventoryAt: string | null;
  /** Items waiting to be sent (tickets, replies, inventory). */
  readonly outboxItems: number;
  readonly unreadTickets: number;
  readonly computerName: string;
  readonly userName: string;
  readonly ipAddresses: readonly string[];
  /** Topics of the device-health items that need attention, for the tooltip and the menu. */
  readonly attention: readonly HealthTopic[];
  /** HTTP status a proxy refused the agent with (407, 403): the tray says so instead of "cannot reach". */
  readonly proxyRefused?: number;
}

export interface SyncResult {
  readonly ok: boolean;
  /** Plain-language reason when the server could not be reached. */
  readonly error: string | null;
  readonly status: TrayStatus;
}

/** One health topic on "My device", in the words a non-technical user can act on. */
export const HEALTH_TOPICS = ['antivirus', 'firewall', 'backup', 'disk', 'updates', 'encryption', 'network', 'inventory'] as const;
export type HealthTopic = (typeof HEALTH_TOPICS)[number];
export const HEALTH_LEVELS = ['ok', 'attention', 'problem', 'unknown'] as const;
export type HealthLevel = (typeof HEALTH_LEVELS)[number];

export interface HealthItem {
  readonly topic: HealthTopic;
  readonly level: HealthLevel;
  /** Message key under `health.<topic>.<code>` in the UI catalogs: what it means and what to do. */
  readonly code: string;
  /** Values the message interpolates (product names, free space, dates). */
  readonly params: Readonly<Record<string, string | number>>;
  /** The inventory section's collection time the statement rests on. */
  readonly asOf: string | null;
}

export interface DeviceHealth {
  readonly overall: HealthLevel;
  readonly items: readonly HealthItem[];
}

/** A screenshot taken before the report window appeared, one per display. */
export interface CapturedScreen {
  readonly id: string;
  readonly displayName: string;
  readonly width: number;
  readonly height: number;
  /** `data:image/png;base64,…`; never leaves the machine unless the user keeps it. */
  readonly dataUrl: string;
}

export interface AttachmentRules {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxScreenshotBytes: number;
  readonly allowedTypes: readonly (typeof ALLOWED_ATTACHMENT_TYPES)[number][];
}

export interface ReportContext {
  readonly screenshots: readonly CapturedScreen[];
  readonly screenshotsAllowed: boolean;
  readonly contact: z.infer<typeof ContactSchema>;
  readonly rules: AttachmentRules;
  readonly online: boolean;
}

export interface DiagnosticsRun {
  readonly runId: string;
  readonly collectedAt: string;
  readonly items: readonly z.infer<typeof DiagnosticItemSchema>[];
  readonly redactions: number;
  /** Items the organisation's policy turned off: named so the user knows they are never collected. */
  readonly withheld?: readonly z.infer<typeof DiagnosticItemIdSchema>[];
}

export interface DiagnosticsProgress {
  readonly runId: string;
  readonly done: number;
  readonly total: number;
  readonly current: z.infer<typeof DiagnosticItemIdSchema> | null;
}

/** Exactly what will be sent: the ticket document and each attachment's metadata. */
export interface TicketPreview {
  readonly submission: z.infer<typeof TicketSubmissionSchema>;
  readonly attachments: readonly z.infer<typeof AttachmentMetaSchema>[];
  readonly totalBytes: number;
}

export type SubmitResult =
  /** `number` is null when the server's answer has not been fetched yet. */
  | { readonly outcome: 'sent'; readonly ticketId: string; readonly number: number | null }
  | { readonly outcome: 'queued'; readonly ticketId: string }
  /** The server refused it for good (the agent keeps it; retrying will not help until IT acts). */
  | { readonly outcome: 'refused'; readonly ticketId: string; readonly message: string };

export interface MyTicket {
  readonly ticket: z.infer<typeof DeviceTicketViewSchema>;
  /** Technician messages the user has not opened yet. */
  readonly unread: number;
}

export interface TicketList {
  readonly tickets: readonly MyTicket[];
  /** Tickets filed here but still waiting in the outbox. */
  readonly pending: readonly {
    readonly id: string;
    readonly subject: string;
    readonly createdAt: string;
    /** Set when the server refused it for good: why. `tickets:retry` offers it once more. */
    readonly refused: string | null;
  }[];
  readonly fetchedAt: string | null;
  readonly online: boolean;
}

/** Help articles for the tray: from the server's search, or the agent's offline copy. */
export interface HelpArticles {
  readonly articles: readonly DeviceArticle[];
  readonly source: 'server' | 'offline';
  /** When the offline copy was fetched; null when there is none yet. */
  readonly fetchedAt: string | null;
  /** True when the server was asked and did not answer (the results are the offline copy's). */
  readonly offline: boolean;
}

export type HelpSolvedResult = { readonly outcome: 'sent' | 'queued' };

/** A ticket's file saved for the user: where it went, or why it could not be fetched (offline, gone). */
export type SaveFileResult = { readonly outcome: 'saved'; readonly fileName: string } | { readonly outcome: 'unavailable'; readonly message: string };

export type ReplyResult = { readonly outcome: 'sent' | 'queued' } | { readonly outcome: 'refused'; readonly message: string };

export const USER_SETTING_KEYS = ['startAtLogin', 'notifications', 'language'] as const;
export type UserSettingKey = (typeof USER_SETTING_KEYS)[number];

export const UserSettingsSchema = z.strictObject({
  startAtLogin: z.boolean(),
  notifications: z.boolean(),
  language: z.union([z.literal('system'), UiLanguageSchema]),
});
export type UserSettings = z.infer<typeof UserSettingsSchema>;
export const UserSettingsPatchSchema = UserSettingsSchema.partial();
export type UserSettingsPatch = z.infer<typeof UserSettingsPatchSchema>;

export interface SettingsView {
  readonly values: UserSettings;
  /** Settings managed by the organisation's policy: shown, not editable. */
  readonly locked: readonly UserSettingKey[];
  readonly serverUrl: string | null;
  /** The Report a problem shortcut as the user's platform writes it ("Ctrl+Alt+H", "⌘⌥H"); null when off. */
  readonly shortcut: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Arguments (renderer → main), validated by the main process

export const REPORT_ATTACHMENT_ROLES = ['screenshot', 'file'] as const;

/** Base64 of at most `bytes` decoded bytes. */
const base64Of = (bytes: number) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'attachment data must be base64');

export const DraftAttachmentSchema = z.strictObject({
  name: text(255),
  type: z.enum(ALLOWED_ATTACHMENT_TYPES),
  role: z.enum(REPORT_ATTACHMENT_ROLES),
  dataBase64: base64Of(LIMITS.attachmentBytes),
});
export type DraftAttachment = z.infer<typeof DraftAttachmentSchema>;

/** What the report form hands over: only what the user kept. */
export const TicketDraftSchema = z.strictObject({
  /** Generated once per report, so a double submit or a retry never files two tickets. */
  id: uuid,
  subject: text(LIMITS.ticketSubject),
  description: anyText(LIMITS.ticketDescription),
  category: TicketCategorySchema,
  urgency: UrgencySchema,
  impact: ImpactSchema,
  contact: ContactSchema,
  attachments: list(DraftAttachmentSchema, LIMITS.attachments),
  /** The diagnostics run the user reviewed and the items they kept; null sends none. */
  diagnostics: z
    .strictObject({
      runId: text(64),
      keep: list(DiagnosticItemIdSchema, 32),
    })
    .nullable(),
  locale: maybeText(35),
});
export type TicketDraft = z.infer<typeof TicketDraftSchema>;

const none = z.tuple([]);

/** Longest link the tray opens: browsers' practical limit for a URL. */
export const EXTERNAL_LINK_MAX = 2048;

/** The user's answer on a resolved ticket ("fixed" / "still broken" with their words) or closed one (1–5 and a comment). */
export const TrayFeedbackSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('confirm') }),
  z.strictObject({ kind: z.literal('still-broken'), body: text(LIMITS.longText) }),
  z.strictObject({ kind: z.literal('rating'), rating: z.number().int().min(1).max(5), body: z.string().max(LIMITS.mediumText).nullable() }),
]);
export type TrayFeedback = z.infer<typeof TrayFeedbackSchema>;

/** Argument tuples of every request channel. */
export const IPC_REQUEST_ARGS = {
  'app:get-info': none,
  'status:get': none,
  'sync:now': none,
  'device:get-health': none,
  'report:prepare': none,
  'report:gather-diagnostics': none,
  'report:preview': z.tuple([TicketDraftSchema]),
  'report:submit': z.tuple([TicketDraftSchema]),
  'tickets:list': none,
  'tickets:mark-read': z.tuple([uuid]),
  'tickets:reply': z.tuple([uuid, text(LIMITS.longText)]),
  'tickets:feedback': z.tuple([uuid, TrayFeedbackSchema]),
  /** Ticket id, attachment id: saved to the user's Downloads folder and shown there. */
  'tickets:save-file': z.tuple([uuid, uuid]),
  'tickets:retry': none,
  'help:list': z.tuple([z.strictObject({ refresh: z.boolean() })]),
  /** `record: false` for suggestions while the user types (IT's reports count committed searches only). */
  'help:search': z.tuple([text(ARTICLE_LIMITS.query), z.strictObject({ record: z.boolean() })]),
  'help:solved': z.tuple([uuid, anyText(ARTICLE_LIMITS.query)]),
  'settings:get': none,
  'settings:update': z.tuple([UserSettingsPatchSchema]),
  'window:open': z.tuple([RouteSchema]),
  'window:close': none,
  /** A link the user clicked in a help article; the main process opens only http, https and mailto. */
  'links:open-external': z.tuple([text(EXTERNAL_LINK_MAX)]),
} as const;

/** Result of every request channel. */
export interface IpcResults {
  'app:get-info': AppInfo;
  'status:get': TrayStatus;
  'sync:now': SyncResult;
  'device:get-health': DeviceHealth;
  'report:prepare': ReportContext;
  'report:gather-diagnostics': DiagnosticsRun;
  'report:preview': TicketPreview;
  'report:submit': SubmitResult;
  'tickets:list': TicketList;
  'tickets:mark-read': TicketList;
  'tickets:reply': ReplyResult;
  'tickets:feedback': ReplyResult;
  'tickets:save-file': SaveFileResult;
  'tickets:retry': TicketList;
  'help:list': HelpArticles;
  'help:search': HelpArticles;
  'help:solved': HelpSolvedResult;
  'settings:get': SettingsView;
  'settings:update': SettingsView;
  'window:open': null;
  'window:close': null;
  'links:open-external': null;
}

/** Payload of every event the main process pushes. */
export interface IpcEvents {
  'status:changed': TrayStatus;
  'tickets:changed': TicketList;
  'diagnostics:progress': DiagnosticsProgress;
  navigate: Route;
}

export type IpcArgs<C extends keyof IpcResults> = C extends keyof typeof IPC_REQUEST_ARGS
  ? z.infer<(typeof IPC_REQUEST_ARGS)[C]>
  : never;

/** The object the preload exposes as `window.deskside`. */
export interface DesksideBridge {
  invoke<C extends keyof IpcResults>(channel: C, ...args: IpcArgs<C>): Promise<IpcResults[C]>;
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on<E extends keyof IpcEvents>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
}

/**
 * How a failed request reaches the renderer. Electron flattens thrown errors to a message string, so
 * the main process encodes a stable code in it and the renderer decodes it.
 */
export const IPC_ERROR_CODES = ['invalid-request', 'forbidden', 'not-found', 'too-large', 'unavailable', 'internal'] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];
export const IPC_ERROR_PREFIX = 'deskside-ipc:';

export function encodeIpcError(code: IpcErrorCode, message: string): string {
  return `${IPC_ERROR_PREFIX}${code}:${message}`;
}

export function decodeIpcError(raw: string): { code: IpcErrorCode; message: string } | null {
  const at = raw.indexOf(IPC_ERROR_PREFIX);
  if (at < 0) return null;
  const rest = raw.slice(at + IPC_ERROR_PREFIX.length);
  const colon = rest.indexOf(':');
  const code = rest.slice(0, colon) as IpcErrorCode;
  if (colon < 0 || !IPC_ERROR_CODES.includes(code)) return null;
  return { code, message: rest.slice(colon + 1) };
}

// Compile-time proof that the channel lists, argument schemas and result types name the same channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: Same<IpcRequestChannel, keyof IpcResults> & Same<IpcRequestChannel, keyof typeof IPC_REQUEST_ARGS> & Same<IpcEventChannel, keyof IpcEvents> = true;
void channelsMatch;
