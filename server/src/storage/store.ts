import { MailChannel } from '../mail/mail-channel.js';
import { MailConfig } from '../mail/mail-config-source.js';
import { RequesterLinks } from '../mail/requester-links.js';
import type { SmtpConfig } from '../mail/smtp-config.js';
import { OutboundQueue } from '../outbound/queue.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import { consoleChannel } from '../workflow/notify.js';
import { TicketWorkflow } from '../workflow/ticket-workflow.js';
import { ApiTokensRepo } from './api-tokens-repo.js';
import { AssetsRepo } from './assets-repo.js';
import { AuditRepo } from './audit-repo.js';
import { BlobCandidatesRepo } from './blob-candidates-repo.js';
import { CannedRepliesRepo } from './canned-replies-repo.js';
import { ChallengesRepo } from './challenges-repo.js';
import type { Clock } from './clock.js';
import { ConnectorsRepo } from './connectors-repo.js';
import type { DatabaseHandle } from './database.js';
import { DevicesRepo } from './devices-repo.js';
import { EnrollSecretsRepo } from './enroll-secrets-repo.js';
import { EnrollmentRepo } from './enrollment-repo.js';
import { FleetRulesRepo } from './fleet-rules-repo.js';
import { GlpiForwardsRepo } from './glpi-forwards-repo.js';
import { HelpdeskSettingsRepo } from './helpdesk-settings-repo.js';
import { HousekeepingJobsRepo } from './housekeeping-jobs-repo.js';
import { InventoryRepo } from './inventory-repo.js';
import { KbArticlesRepo } from './kb-articles-repo.js';
import { KbIndexRepo } from './kb-index-repo.js';
import { KbSynonymsRepo } from './kb-synonyms-repo.js';
import { KbUsageRepo } from './kb-usage-repo.js';
import { LeasesRepo } from './leases-repo.js';
import { LoginThrottleRepo } from './login-throttle-repo.js';
import { MailIntakeRepo } from './mail-intake-repo.js';
import { MailSettingsRepo } from './mail-settings-repo.js';
import { NotificationsRepo } from './notifications-repo.js';
import { ReplyAttachmentsRepo } from './reply-attachments-repo.js';
import { ReportsRepo } from './reports-repo.js';
import { SavedViewsRepo } from './saved-views-repo.js';
import { SessionsRepo } from './sessions-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { SlaRepo } from './sla-repo.js';
import { SsoRepo } from './sso-repo.js';
import { StatementCache } from './statement-cache.js';
import { TeamsRepo } from './teams-repo.js';
import { TechniciansRepo } from './technicians-repo.js';
import { TicketIntakeRepo } from './ticket-intake-repo.js';
import { TicketLoopRepo } from './ticket-loop-repo.js';
import { TicketRelationsRepo } from './ticket-relations-repo.js';
import { TicketsRepo } from './tickets-repo.js';
import { UploadReservationsRepo } from './upload-reservations-repo.js';
import { WebhooksRepo } from './webhooks-repo.js';

export interface StoreOptions {
  /** DESKSIDE_SMTP_URL and friends, parsed (config.ts); they win over the console's mail settings. */
  readonly smtpFromEnvironment?: SmtpConfig | null;
  /** DESKSIDE_PUBLIC_URL, for the links in mails (none without it). */
  readonly publicUrl?: string | null;
}

/** The one repository layer every route goes through; nothing else writes SQL. */
export class Store {
  readonly devices: DevicesRepo;
  readonly inventory: InventoryRepo;
  readonly tickets: TicketsRepo;
  readonly technicians: TechniciansRepo;
  readonly sessions: SessionsRepo;
  readonly apiTokens: ApiTokensRepo;
  readonly sso: SsoRepo;
  readonly secrets: EnrollSecretsRepo;
  readonly settings: SettingsRepo;
  readonly audit: AuditRepo;
  readonly blobCandidates: BlobCandidatesRepo;
  readonly enrollment: EnrollmentRepo;
  readonly challenges: ChallengesRepo;
  readonly loginThrottle: LoginThrottleRepo;
  readonly uploadReservations: UploadReservationsRepo;
  readonly intake: TicketIntakeRepo;
  /** Tickets and replies read from a mailbox (issue 16). */
  readonly mailIntake: MailIntakeRepo;
  readonly loop: TicketLoopRepo;
  readonly helpdesk: HelpdeskSettingsRepo;
  readonly relations: TicketRelationsRepo;
  readonly replyAttachments: ReplyAttachmentsRepo;
  readonly savedViews: SavedViewsRepo;
  readonly teams: TeamsRepo;
  readonly sla: SlaRepo;
  readonly notifications: NotificationsRepo;
  readonly cannedReplies: CannedRepliesRepo;
  readonly reports: ReportsRepo;
  /** Routing, service-level clocks and breach notices around every ticket change. */
  readonly workflow: TicketWorkflow;
  readonly leases: LeasesRepo;
  readonly housekeepingJobs: HousekeepingJobsRepo;
  readonly kbIndex: KbIndexRepo;
  readonly articles: KbArticlesRepo;
  readonly synonyms: KbSynonymsRepo;
  readonly kbUsage: KbUsageRepo;
  readonly webhooks: WebhooksRepo;
  readonly connectors: ConnectorsRepo;
  /** Events told to webhook subscribers, each inside the transaction of its change. */
  readonly events: WebhookEvents;
  /** Forwarding each device's inventory to GLPI (through the outbound queue): settings and status. */
  readonly glpi: GlpiForwardsRepo;
  /** Mail, webhooks and other sends, durable and deduplicated (outbound/). */
  readonly outbound: OutboundQueue;
  readonly mailSettings: MailSettingsRepo;
  /** The SMTP configuration in force (environment, else console). */
  readonly mail: MailConfig;
  /** The confirm / still-broken links of requesters' mails. */
  readonly requesterLinks: RequesterLinks;
  readonly assets: AssetsRepo;
  readonly fleetRules: FleetRulesRepo;

  constructor(
    readonly handle: DatabaseHandle,
    readonly clock: Clock,
    options: StoreOptions = {},
  ) {
    const db = handle.db;
    const fast = handle.raw === undefined ? null : new StatementCache(handle.raw);
    this.devices = new DevicesRepo(db, clock, fast);
    this.inventory = new InventoryRepo(db, handle.kind, clock, handle.raw ?? null);
    this.teams = new TeamsRepo(db, clock);
    this.sla = new SlaRepo(db, clock);
    this.notifications = new NotificationsRepo(db, clock);
    this.cannedReplies = new CannedRepliesRepo(db, clock);
    this.outbound = new OutboundQueue(db, clock);
    this.webhooks = new WebhooksRepo(db, clock, this.outbound);
    this.connectors = new ConnectorsRepo(db, clock);
    this.events = new WebhookEvents(db, this.webhooks, this.connectors, clock);
    this.glpi = new GlpiForwardsRepo(db, clock, this.outbound);
    this.mailSettings = new MailSettingsRepo(db, clock);
    this.mail = new MailConfig(this.mailSettings, options.smtpFromEnvironment ?? null, clock);
    this.requesterLinks = new RequesterLinks(db, clock);
    const mailChannel = new MailChannel(this.outbound, this.mail, this.requesterLinks, options.publicUrl ?? null);
    this.workflow = new TicketWorkflow(db, clock, this.teams, this.sla, [consoleChannel, mailChannel], this.events);
    this.tickets = new TicketsRepo(db, clock, fast, this.workflow);
    this.technicians = new TechniciansRepo(db, clock);
    this.sessions = new SessionsRepo(db, clock);
    this.apiTokens = new ApiTokensRepo(db, clock);
    this.sso = new SsoRepo(db, clock);
    this.secrets = new EnrollSecretsRepo(db, clock);
    this.settings = new SettingsRepo(db, clock);
    this.audit = new AuditRepo(db);
    this.blobCandidates = new BlobCandidatesRepo(db);
    this.enrollment = new EnrollmentRepo(db, clock);
    this.challenges = new ChallengesRepo(db, clock);
    this.loginThrottle = new LoginThrottleRepo(db);
    this.uploadReservations = new UploadReservationsRepo(db, handle.kind);
    this.intake = new TicketIntakeRepo(db, clock, fast);
    this.mailIntake = new MailIntakeRepo(db, clock, this.tickets);
    this.loop = new TicketLoopRepo(db, clock, this.workflow);
    this.helpdesk = new HelpdeskSettingsRepo(db, clock);
    this.relations = new TicketRelationsRepo(db, clock);
    this.replyAttachments = new ReplyAttachmentsRepo(db, clock);
    this.savedViews = new SavedViewsRepo(db, clock);
    this.leases = new LeasesRepo(db);
    this.housekeepingJobs = new HousekeepingJobsRepo(db);
    this.kbIndex = new KbIndexRepo(db);
    this.articles = new KbArticlesRepo(db, clock, this.kbIndex);
    this.synonyms = new KbSynonymsRepo(db, clock, () => this.kbIndex.synonymsChanged());
    this.kbUsage = new KbUsageRepo(db, clock);
    this.assets = new AssetsRepo(db, clock, this.audit);
    this.fleetRules = new FleetRulesRepo(db, clock);
    this.reports = new ReportsRepo(db);
  }

  get db() {
    return this.handle.db;
  }
}
