import { AuditRepo } from './audit-repo.js';
import { BlobCandidatesRepo } from './blob-candidates-repo.js';
import { ChallengesRepo } from './challenges-repo.js';
import type { Clock } from './clock.js';
import type { DatabaseHandle } from './database.js';
import { DevicesRepo } from './devices-repo.js';
import { EnrollSecretsRepo } from './enroll-secrets-repo.js';
import { EnrollmentRepo } from './enrollment-repo.js';
import { HelpdeskSettingsRepo } from './helpdesk-settings-repo.js';
import { InventoryRepo } from './inventory-repo.js';
import { LoginThrottleRepo } from './login-throttle-repo.js';
import { SavedViewsRepo } from './saved-views-repo.js';
import { SessionsRepo } from './sessions-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { StatementCache } from './statement-cache.js';
import { TechniciansRepo } from './technicians-repo.js';
import { TicketIntakeRepo } from './ticket-intake-repo.js';
import { TicketLoopRepo } from './ticket-loop-repo.js';
import { TicketRelationsRepo } from './ticket-relations-repo.js';
import { TicketsRepo } from './tickets-repo.js';

/** The one repository layer every route goes through; nothing else writes SQL. */
export class Store {
  readonly devices: DevicesRepo;
  readonly inventory: InventoryRepo;
  readonly tickets: TicketsRepo;
  readonly technicians: TechniciansRepo;
  readonly sessions: SessionsRepo;
  readonly secrets: EnrollSecretsRepo;
  readonly settings: SettingsRepo;
  readonly audit: AuditRepo;
  readonly blobCandidates: BlobCandidatesRepo;
  readonly enrollment: EnrollmentRepo;
  readonly challenges: ChallengesRepo;
  readonly loginThrottle: LoginThrottleRepo;
  readonly intake: TicketIntakeRepo;
  readonly loop: TicketLoopRepo;
  readonly helpdesk: HelpdeskSettingsRepo;
  readonly relations: TicketRelationsRepo;
  readonly savedViews: SavedViewsRepo;

  constructor(
    readonly handle: DatabaseHandle,
    readonly clock: Clock,
  ) {
    const db = handle.db;
    const fast = handle.raw === undefined ? null : new StatementCache(handle.raw);
    this.devices = new DevicesRepo(db, clock, fast);
    this.inventory = new InventoryRepo(db, handle.kind, clock, handle.raw ?? null);
    this.tickets = new TicketsRepo(db, clock, fast);
    this.technicians = new TechniciansRepo(db, clock);
    this.sessions = new SessionsRepo(db, clock);
    this.secrets = new EnrollSecretsRepo(db, clock);
    this.settings = new SettingsRepo(db, clock);
    this.audit = new AuditRepo(db);
    this.blobCandidates = new BlobCandidatesRepo(db);
    this.enrollment = new EnrollmentRepo(db, clock);
    this.challenges = new ChallengesRepo(db, clock);
    this.loginThrottle = new LoginThrottleRepo(db);
    this.intake = new TicketIntakeRepo(db, clock, fast);
    this.loop = new TicketLoopRepo(db, clock);
    this.helpdesk = new HelpdeskSettingsRepo(db, clock);
    this.relations = new TicketRelationsRepo(db, clock);
    this.savedViews = new SavedViewsRepo(db, clock);
  }

  get db() {
    return this.handle.db;
  }
}
