import {
  AttachmentUploadResultSchema,
  AuditPageSchema,
  CONSOLE_API_BASE,
  DashboardSchema,
  DeviceDetailSchema,
  DiagnosticsRequestListSchema,
  DevicePageSchema,
  DeviceSummarySchema,
  EnrollSecretCreatedSchema,
  EnrollSecretListSchema,
  EnrollSecretSchema,
  FleetSettingsSchema,
  GlpiForwardingViewSchema,
  HelpdeskSettingsViewSchema,
  HistoryPageSchema,
  LoginResponseSchema,
  MeResponseSchema,
  OkResponseSchema,
  PendingDecisionResultSchema,
  PendingDeviceListSchema,
  SavedViewListSchema,
  SavedViewSchema,
  TechnicianListSchema,
  TechnicianSchema,
  TicketBulkResultSchema,
  TicketCreatedSchema,
  TicketDetailSchema,
  TicketPageSchema,
  TicketRelationsSchema,
  type AuditQuery,
  type DeviceListQuery,
  type EnrollSecretCreate,
  type GlpiForwardingUpdate,
  type HelpdeskSettings,
  type HistoryQuery,
  type LoginRequest,
  type MessageCreate,
  type PendingDecision,
  type PushedSettings,
  type SavedViewCreate,
  type TechnicianCreate,
  type TechnicianUpdate,
  type TicketBulkUpdate,
  type TicketCreate,
  type TicketListQuery,
  type TicketUpdateRequest,
} from '@deskside/shared';
import type { z } from 'zod';

import { AccessClient } from './access-client.js';
import { AssetsClient } from './assets-client.js';
import { HelpdeskClient } from './helpdesk-client.js';
import { HttpClient } from './http-client.js';
import { IntegrationsClient } from './integrations-client.js';
import { ReportsClient } from './reports-client.js';

type Query = Readonly<Record<string, string | number | boolean | null | undefined | readonly string[]>>;

const enc = encodeURIComponent;

/** Every technician API call the console makes, each checked against the shared response schema. */
export class ConsoleClient {
  readonly http: HttpClient;
  /** Teams, routing, service levels, canned replies, notifications. */
  readonly helpdesk: HelpdeskClient;
  /** Service levels, backlog and volume reports. */
  readonly reports: ReportsClient;
  /** Webhooks (administrators). */
  readonly integrations: IntegrationsClient;
  /** API tokens and sign-in settings. */
  readonly access: AccessClient;
  /** Asset records, CSV import, fleet rules. */
  readonly assets: AssetsClient;

  constructor(http: HttpClient = new HttpClient()) {
    this.http = http;
    this.access = new AccessClient(http);
    this.assets = new AssetsClient(http);
    this.helpdesk = new HelpdeskClient(http);
    this.reports = new ReportsClient(http);
    this.integrations = new IntegrationsClient(http);
  }

  private get<S extends z.ZodType>(path: string, schema: S, query?: Query, signal?: AbortSignal) {
    return this.http.request(CONSOLE_API_BASE + path, { schema, query, signal });
  }

  private send<S extends z.ZodType>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, schema: S, body?: unknown) {
    return this.http.request(CONSOLE_API_BASE + path, { method, schema, body });
  }

  login(body: LoginRequest) {
    return this.send('POST', '/login', LoginResponseSchema, body);
  }
  logout() {
    return this.send('POST', '/logout', OkResponseSchema);
  }
  me(signal?: AbortSignal) {
    return this.get('/me', MeResponseSchema, undefined, signal);
  }

  tickets(query: TicketListQuery, signal?: AbortSignal) {
    return this.get('/tickets', TicketPageSchema, query as Query, signal);
  }
  ticket(id: string, signal?: AbortSignal) {
    return this.get(`/tickets/${enc(id)}`, TicketDetailSchema, undefined, signal);
  }
  updateTicket(id: string, body: TicketUpdateRequest) {
    return this.send('PATCH', `/tickets/${enc(id)}`, TicketDetailSchema, body);
  }
  addMessage(id: string, body: MessageCreate) {
    return this.send('POST', `/tickets/${enc(id)}/messages`, TicketDetailSchema, body);
  }

  /** Uploads files for a reply or note; send their ids with the message. */
  uploadReplyAttachments(id: string, files: readonly File[]) {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return this.send('POST', `/tickets/${enc(id)}/attachments`, AttachmentUploadResultSchema, form);
  }

  createTicket(body: TicketCreate) {
    return this.send('POST', '/tickets', TicketCreatedSchema, body);
  }
  diagnosticsRequests(id: string, signal?: AbortSignal) {
    return this.get(`/tickets/${enc(id)}/diagnostics-requests`, DiagnosticsRequestListSchema, undefined, signal);
  }
  requestDiagnostics(id: string) {
    return this.send('POST', `/tickets/${enc(id)}/diagnostics-requests`, DiagnosticsRequestListSchema);
  }

  bulkUpdateTickets(body: TicketBulkUpdate) {
    return this.send('POST', '/tickets/bulk', TicketBulkResultSchema, body);
  }
  ticketRelations(id: string, signal?: AbortSignal) {
    return this.get(`/tickets/${enc(id)}/relations`, TicketRelationsSchema, undefined, signal);
  }
  mergeTicket(id: string, into: string) {
    return this.send('POST', `/tickets/${enc(id)}/merge`, TicketRelationsSchema, { into });
  }
  setTicketParent(id: string, parentId: string | null) {
    return this.send('PUT', `/tickets/${enc(id)}/parent`, TicketRelationsSchema, { parentId });
  }
  savedViews(signal?: AbortSignal) {
    return this.get('/saved-views', SavedViewListSchema, undefined, signal);
  }
  saveView(body: SavedViewCreate) {
    return this.send('POST', '/saved-views', SavedViewSchema, body);
  }
  deleteView(id: string) {
    return this.send('DELETE', `/saved-views/${enc(id)}`, OkResponseSchema);
  }

  devices(query: DeviceListQuery, signal?: AbortSignal) {
    return this.get('/devices', DevicePageSchema, query as Query, signal);
  }
  deviceSummary(id: string, signal?: AbortSignal) {
    return this.get(`/devices/${enc(id)}/summary`, DeviceSummarySchema, undefined, signal);
  }
  device(id: string, signal?: AbortSignal) {
    return this.get(`/devices/${enc(id)}`, DeviceDetailSchema, undefined, signal);
  }
  requestInventory(id: string) {
    return this.send('POST', `/devices/${enc(id)}/request-inventory`, OkResponseSchema);
  }
  deviceHistory(id: string, query: HistoryQuery, signal?: AbortSignal) {
    return this.get(`/devices/${enc(id)}/history`, HistoryPageSchema, query as Query, signal);
  }

  dashboard(days: number, signal?: AbortSignal) {
    return this.get('/dashboard', DashboardSchema, { days }, signal);
  }
  audit(query: AuditQuery, signal?: AbortSignal) {
    return this.get('/audit', AuditPageSchema, query as Query, signal);
  }

  technicians(signal?: AbortSignal) {
    return this.get('/technicians', TechnicianListSchema, undefined, signal);
  }
  createTechnician(body: TechnicianCreate) {
    return this.send('POST', '/technicians', TechnicianSchema, body);
  }
  updateTechnician(id: string, body: TechnicianUpdate) {
    return this.send('PATCH', `/technicians/${enc(id)}`, TechnicianSchema, body);
  }

  enrollSecrets(signal?: AbortSignal) {
    return this.get('/enroll-secrets', EnrollSecretListSchema, undefined, signal);
  }
  createEnrollSecret(body: EnrollSecretCreate) {
    return this.send('POST', '/enroll-secrets', EnrollSecretCreatedSchema, body);
  }
  revokeEnrollSecret(id: string) {
    return this.send('POST', `/enroll-secrets/${enc(id)}/revoke`, EnrollSecretSchema);
  }

  pendingEnrollments(signal?: AbortSignal) {
    return this.get('/enrollments/pending', PendingDeviceListSchema, undefined, signal);
  }
  decideEnrollment(id: string, decision: PendingDecision) {
    return this.send('POST', `/enrollments/${enc(id)}/${decision}`, PendingDecisionResultSchema);
  }

  settings(signal?: AbortSignal) {
    return this.get('/settings', FleetSettingsSchema, undefined, signal);
  }
  saveSettings(settings: PushedSettings) {
    return this.send('PUT', '/settings', FleetSettingsSchema, settings);
  }
  helpdeskSettings(signal?: AbortSignal) {
    return this.get('/settings/helpdesk', HelpdeskSettingsViewSchema, undefined, signal);
  }
  saveHelpdeskSettings(settings: HelpdeskSettings) {
    return this.send('PUT', '/settings/helpdesk', HelpdeskSettingsViewSchema, settings);
  }
  glpiSettings(signal?: AbortSignal) {
    return this.get('/settings/glpi', GlpiForwardingViewSchema, undefined, signal);
  }
  saveGlpiSettings(settings: GlpiForwardingUpdate) {
    return this.send('PUT', '/settings/glpi', GlpiForwardingViewSchema, settings);
  }
}
