import type { Generated } from 'kysely';

import type { HelpdeskTables } from './helpdesk-tables.js';
import type { IntegrationTables } from './integration-tables.js';

/**
 * Row shapes of every table. Timestamps are epoch milliseconds (bigint in PostgreSQL, integer in
 * SQLite) so both engines sort and compare them the same way; booleans are 0/1 for the same reason;
 * JSON is stored as text and parsed at the repository edge.
 */
export interface DevicesTable {
  id: string;
  hostname: string;
  hardware_uuid: string | null;
  serial: string | null;
  macs: string;
  platform: string;
  os_name: string | null;
  os_version: string | null;
  ip: string | null;
  logged_in_user: string | null;
  manufacturer: string | null;
  model: string | null;
  agent_version: string;
  av_state: string;
  backup_state: string;
  min_free_disk_pct: number | null;
  last_seen_at: number;
  enrolled_at: number;
  inventory_at: number | null;
  full_inventory_requested: number;
  outbox_items: number | null;
  /** Lower-cased host name, user, addresses, serial and model: what the console's search box matches. */
  search_text: string;
  /** The installer's tag the agent last reported; null when none is recorded. */
  tag: string | null;
  /** Base64 DER SubjectPublicKeyInfo of the agent's device key; null until one was proved. */
  public_key: string | null;
  /** SHA-256 (hex) of the DER public key: how an enrollment with the same key finds its device. */
  key_fingerprint: string | null;
  /** 'active' | 'pending' (duplicate suspect awaiting an admin) | 'rejected'. */
  enroll_state: string;
  /** For a pending device: the device whose hardware identifiers it repeats. */
  resembles_device_id: string | null;
  /** The asset record (migration 0033); dates are `YYYY-MM-DD`. */
  asset_tag: string | null;
  owner: string | null;
  department: string | null;
  location: string | null;
  purchase_date: string | null;
  supplier: string | null;
  warranty_end: string | null;
  asset_notes: string | null;
  /** in-stock | in-use | in-repair | retired | disposed */
  asset_status: string;
  asset_status_at: number | null;
  stale_since: number | null;
  retired_contact_at: number | null;
  /** Fleet findings (migration 0034): 'on' | 'off' | 'unknown'. */
  firewall_state: string;
  encryption_state: string;
  restart_pending_since: number | null;
  security_updates_since: number | null;
  battery_health_pct: number | null;
}

/** One finding's device count on one day (migration 0035). */
export interface FleetFindingsDailyTable {
  day: string;
  finding: string;
  devices: number;
  counted_at: number;
}

/** An IPv4 address a device reported on a physical interface, per hour (the IP-conflict finding). */
export interface IpObservationsTable {
  hour: number;
  network: string;
  ip: string;
  mac: string;
  device_id: string;
}

export interface DeviceStatusHistoryTable {
  id: string;
  device_id: string;
  at: number;
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: string | null;
}

/** A one-time proof-of-possession challenge, stored hashed; deleted when answered or expired. */
export interface EnrollChallengesTable {
  challenge_hash: string;
  expires_at: number;
}

/** An attachment blob written by an upload; housekeeping deletes it once old and unreferenced. */
export interface BlobCandidatesTable {
  sha256: string;
  noted_at: number;
}

/**
 * Sign-in attempts per throttle key (a source address, an account, or the two together) in the
 * current fixed window. Counted up before the password is checked, in one statement, so parallel
 * guesses cannot all read the same count. The per-route request limits shared by all instances
 * (http/shared-rate-limit-store.ts) count here too, under keys starting with `rate:`.
 */
/** A large upload being unpacked by some instance, counted against its device's budget. */
export interface UploadReservationsTable {
  id: string;
  device_id: string;
  bytes: number;
  expires_at: number;
}

export interface LoginThrottleTable {
  key: string;
  attempts: number;
  window_start: number;
}

export interface DeviceCredentialsTable {
  id: string;
  device_id: string;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export interface EnrollSecretsTable {
  id: string;
  label: string;
  prefix: string;
  secret_hash: string;
  created_at: number;
  created_by: string | null;
  expires_at: number | null;
  revoked_at: number | null;
  max_uses: number | null;
  uses: number;
  last_used_at: number | null;
}

export interface DeviceInventoriesTable {
  device_id: string;
  collected_at: number;
  received_at: number;
  agent_version: string;
  /** Legacy plain JSON; empty once `sections_z` (raw deflate of the same JSON) is written. */
  sections: string;
  sections_z: Buffer | null;
  section_updated_at: string;
  /** Per-user sections as JSON (a list, newest first); null when the device reported none. */
  user_scope: string | null;
}

/** Which catalog names a device has a package of: what the console's software filter seeks. */
export interface DeviceSoftwareTable {
  device_id: string;
  name_id: number;
}

/** Every distinct package name seen in the fleet, numbered, for substring search. */
export interface SoftwareNamesTable {
  id: Generated<number>;
  name_lower: string;
}

export interface InventoryHistoryTable {
  id: string;
  device_id: string;
  at: number;
  kind: string;
  category: string;
  subject: string;
  before_value: string | null;
  after_value: string | null;
}

export interface UploadsTable {
  id: string;
  device_id: string;
  kind: string;
  received_at: number;
}

/** One message read from a mailbox, recorded with what it became (0027). */
export interface MailImportsTable {
  id: string;
  /** The account and folder it was read from (`user@host/INBOX`), never the password. */
  mailbox: string;
  uid_validity: number;
  uid: number;
  message_id: string | null;
  from_address: string | null;
  /** `ticket`, `comment`, or why nothing was made: `automatic`, `duplicate`, `no-sender`, `own-mail`. */
  outcome: string;
  ticket_id: string | null;
  imported_at: number;
}

/** A Message-ID that belongs to a ticket's conversation (0027). */
export interface MailMessageIdsTable {
  message_id: string;
  ticket_id: string;
  /** `in` (read from the mailbox) or `out` (sent about the ticket). */
  direction: string;
  created_at: number;
}

export interface TicketsTable {
  id: string;
  number: number;
  /** Null for a ticket no device is known for (a mail from an unknown address, 0026). */
  device_id: string | null;
  subject: string;
  description: string;
  category: string;
  urgency: string;
  impact: string;
  computed_priority: string;
  priority_override: string | null;
  /** Effective priority as a rank (0 low … 3 critical) so lists sort by it. */
  priority_rank: number;
  status: string;
  assignee_id: string | null;
  contact: string;
  requester: string | null;
  /** JSON `{ id, name }` of the OS account the device's service verified; null from per-user agents. */
  requester_account: string | null;
  locale: string | null;
  diagnostics: string | null;
  submitted_at: number;
  created_at: number;
  updated_at: number;
  /** Last change the device should hear about (status or public message). */
  device_updated_at: number;
  status_changed_at: number;
  resolved_at: number | null;
  message_count: number;
  attachment_count: number;
  /** How the request came in: `tray` from a device, or the channel a technician recorded (0015). */
  channel: string;
  /** The technician who recorded it; null for tickets filed on a device. */
  created_by: string | null;
  /** When the requester last wrote (reply, "still broken"); cleared by a technician's public reply (0016). */
  requester_replied_at: number | null;
  closed_at: number | null;
  /** `requester` (confirmed), `auto` (unanswered after N days), `technician`, `merged`. */
  close_reason: string | null;
  reopen_count: number;
  rating: number | null;
  rating_comment: string | null;
  rated_at: number | null;
  /** A duplicate merged into another ticket points at its survivor (0017). */
  merged_into_id: string | null;
  /** Related tickets hang under one parent (0017). */
  parent_id: string | null;
  /** The contact's mail address, lower-cased: how a mail from that address finds the device last used (0027). */
  requester_email: string | null;
  /** Teams and service levels (migrations 0012, 0013): see helpdesk-tables.ts. */
  team_id: string | null;
  first_response_at: number | null;
  sla_policy_id: string | null;
  sla_pauses: string;
  sla_first_response_due_at: number | null;
  sla_resolution_due_at: number | null;
  sla_next_due_at: number | null;
}

export interface SavedViewsTable {
  id: string;
  technician_id: string;
  name: string;
  /** The queue URL's query string (filters and sort). */
  query: string;
  created_at: number;
}

export interface TicketDiagnosticsRequestsTable {
  id: string;
  ticket_id: string;
  device_id: string;
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: number;
  fulfilled_at: number | null;
  /** The diagnostics JSON the agent uploaded; null while pending. */
  diagnostics: string | null;
}

export interface TicketFeedbackTable {
  /** The agent's client id: a retried answer is recognised, never applied twice. */
  id: string;
  ticket_id: string;
  kind: string;
  rating: number | null;
  body: string | null;
  created_at: number;
}

export interface TicketMessagesTable {
  id: string;
  ticket_id: string;
  visibility: string;
  author: string;
  author_name: string | null;
  technician_id: string | null;
  body: string;
  created_at: number;
}

export interface AttachmentsTable {
  id: string;
  ticket_id: string;
  field: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  role: string;
  created_at: number;
  /** The technician's reply or note that sent it; null for files the tray uploaded (0019). */
  message_id: string | null;
  /** The technician who uploaded it; with `message_id` null it waits to be sent with a message. */
  uploaded_by: string | null;
}

export interface TechniciansTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: number;
  last_login_at: number | null;
  failed_logins: number;
  locked_until: number | null;
  /** Where their mail notifications go; null: none. */
  email: string | null;
  /** JSON: their mail notification choices (mail/technician-mail-preferences.ts); null: the defaults. */
  mail_notifications: string | null;
}

/** A single-use link in a requester's mail (its token's SHA-256, never the token). */
export interface RequesterMailLinksTable {
  token_hash: string;
  ticket_id: string;
  action: string;
  locale: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface SessionsTable {
  token_hash: string;
  technician_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  hint: string;
  name: string;
  scope: string;
  technician_id: string;
  created_by: string | null;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  last_used_ip: string | null;
  revoked_at: number | null;
}

export interface SsoFlowsTable {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: number;
}

export interface TechnicianIdentitiesTable {
  provider: string;
  subject: string;
  technician_id: string;
  created_at: number;
  last_seen_at: number;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_kind: string;
  target_id: string | null;
  details: string;
  ip: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
  updated_by: string | null;
}

export interface CountersTable {
  name: string;
  value: Generated<number>;
}

/** A named lease (the housekeeper's): held by `holder` until `expires_at`, then anyone's to take. */
export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

/** One thing the server must send (a mail, a webhook call…); see outbound/queue.ts. */
export interface OutboundJobsTable {
  id: string;
  kind: string;
  /** JSON, checked by the kind's handler before it runs. */
  payload: string;
  dedupe_key: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  /** What the far end answered to the last attempt (an SMTP reply, an HTTP status). */
  last_response: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** When each housekeeping job last ran, whichever instance ran it. */
export interface HousekeepingJobsTable {
  name: string;
  last_started_at: number;
  last_finished_at: number | null;
  /** The last run's error message; null when it succeeded. */
  last_error: string | null;
}

export interface KbArticlesTable {
  id: string;
  category: string;
  /** JSON array, as shown; kb_article_tags holds the same for filtering. */
  tags: string;
  visibility: string;
  status: string;
  revision: number;
  source_ticket_id: string | null;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  solved_count: Generated<number>;
}

export interface KbArticleTextsTable {
  article_id: string;
  locale: string;
  title: string;
  body: string;
}

export interface KbArticleTagsTable {
  article_id: string;
  tag: string;
}

export interface KbRevisionsTable {
  article_id: string;
  revision: number;
  at: number;
  technician_id: string | null;
  author_name: string | null;
  /** JSON array of changed fields. */
  changes: string;
  /** JSON of the article as this revision left it. */
  snapshot: string;
}

export interface KbTicketLinksTable {
  article_id: string;
  ticket_id: string;
  linked_at: number;
  linked_by: string | null;
}

export interface KbTermsTable {
  term: string;
  article_id: string;
  weight: number;
  /** 1 when the article is published for everyone (copied at each save). */
  public: number;
}

export interface KbVocabularyTable {
  term: string;
  initial: string;
  length: number;
}

export interface KbSynonymsTable {
  id: string;
  /** JSON array of words and phrases. */
  terms: string;
  updated_at: number;
  updated_by: string | null;
}

export interface KbSearchesTable {
  id: string;
  at: number;
  source: string;
  query: string;
  results: number;
}

export interface KbFeedbackTable {
  id: string;
  article_id: string;
  device_id: string | null;
  outcome: string;
  query: string;
  at: number;
  received_at: number;
}

export interface Database extends HelpdeskTables, IntegrationTables {
  kb_articles: KbArticlesTable;
  kb_article_texts: KbArticleTextsTable;
  kb_article_tags: KbArticleTagsTable;
  kb_revisions: KbRevisionsTable;
  kb_ticket_links: KbTicketLinksTable;
  kb_terms: KbTermsTable;
  kb_vocabulary: KbVocabularyTable;
  kb_synonyms: KbSynonymsTable;
  kb_searches: KbSearchesTable;
  kb_feedback: KbFeedbackTable;
  devices: DevicesTable;
  device_status_history: DeviceStatusHistoryTable;
  ip_observations: IpObservationsTable;
  fleet_findings_daily: FleetFindingsDailyTable;
  blob_candidates: BlobCandidatesTable;
  login_throttle: LoginThrottleTable;
  upload_reservations: UploadReservationsTable;
  device_credentials: DeviceCredentialsTable;
  enroll_challenges: EnrollChallengesTable;
  enroll_secrets: EnrollSecretsTable;
  device_inventories: DeviceInventoriesTable;
  device_software: DeviceSoftwareTable;
  software_names: SoftwareNamesTable;
  inventory_history: InventoryHistoryTable;
  uploads: UploadsTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  attachments: AttachmentsTable;
  ticket_diagnostics_requests: TicketDiagnosticsRequestsTable;
  ticket_feedback: TicketFeedbackTable;
  saved_views: SavedViewsTable;
  technicians: TechniciansTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sso_flows: SsoFlowsTable;
  technician_identities: TechnicianIdentitiesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  counters: CountersTable;
  leases: LeasesTable;
  housekeeping_jobs: HousekeepingJobsTable;
  outbound_jobs: OutboundJobsTable;
  requester_mail_links: RequesterMailLinksTable;
  mail_imports: MailImportsTable;
  mail_message_ids: MailMessageIdsTable;
}
