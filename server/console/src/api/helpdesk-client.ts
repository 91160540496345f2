import {
  CONSOLE_API_BASE,
  CannedReplyListSchema,
  CannedReplySchema,
  NotificationListSchema,
  OkResponseSchema,
  RoutingSchema,
  SlaPolicyListSchema,
  SlaPolicySchema,
  TeamListSchema,
  TeamSchema,
  TicketDetailSchema,
  type CannedReplyCreate,
  type CannedReplyUpdate,
  type Routing,
  type SlaPolicyCreate,
  type SlaPolicyUpdate,
  type TeamCreate,
  type TeamUpdate,
  type TicketTransfer,
} from '@deskside/shared';
import { z } from 'zod';

import type { HttpClient } from './http-client.js';

const enc = encodeURIComponent;
const MarkedSchema = z.strictObject({ marked: z.number().int().nonnegative() });

/** Teams, routing, service levels, canned replies and notifications: the helpdesk workflow's calls. */
export class HelpdeskClient {
  constructor(private readonly http: HttpClient) {}

  private get<S extends z.ZodType>(path: string, schema: S, query?: Record<string, string>, signal?: AbortSignal) {
    return this.http.request(CONSOLE_API_BASE + path, { schema, query, signal });
  }

  private send<S extends z.ZodType>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, schema: S, body?: unknown) {
    return this.http.request(CONSOLE_API_BASE + path, { method, schema, body });
  }

  teams(signal?: AbortSignal) {
    return this.get('/teams', TeamListSchema, undefined, signal);
  }
  createTeam(body: TeamCreate) {
    return this.send('POST', '/teams', TeamSchema, body);
  }
  updateTeam(id: string, body: TeamUpdate) {
    return this.send('PATCH', `/teams/${enc(id)}`, TeamSchema, body);
  }
  deleteTeam(id: string) {
    return this.send('DELETE', `/teams/${enc(id)}`, OkResponseSchema);
  }
  setTeamMembers(id: string, technicianIds: readonly string[]) {
    return this.send('PUT', `/teams/${enc(id)}/members`, TeamSchema, { technicianIds });
  }

  routing(signal?: AbortSignal) {
    return this.get('/routing', RoutingSchema, undefined, signal);
  }
  saveRouting(body: Routing) {
    return this.send('PUT', '/routing', RoutingSchema, body);
  }

  transfer(ticketId: string, body: TicketTransfer) {
    return this.send('POST', `/tickets/${enc(ticketId)}/transfer`, TicketDetailSchema, body);
  }

  slaPolicies(signal?: AbortSignal) {
    return this.get('/sla-policies', SlaPolicyListSchema, undefined, signal);
  }
  createSlaPolicy(body: SlaPolicyCreate) {
    return this.send('POST', '/sla-policies', SlaPolicySchema, body);
  }
  updateSlaPolicy(id: string, body: SlaPolicyUpdate) {
    return this.send('PATCH', `/sla-policies/${enc(id)}`, SlaPolicySchema, body);
  }
  deleteSlaPolicy(id: string) {
    return this.send('DELETE', `/sla-policies/${enc(id)}`, OkResponseSchema);
  }

  cannedReplies(teamId?: string, signal?: AbortSignal) {
    return this.get('/canned-replies', CannedReplyListSchema, teamId === undefined ? undefined : { teamId }, signal);
  }
  createCannedReply(body: CannedReplyCreate) {
    return this.send('POST', '/canned-replies', CannedReplySchema, body);
  }
  updateCannedReply(id: string, body: CannedReplyUpdate) {
    return this.send('PATCH', `/canned-replies/${enc(id)}`, CannedReplySchema, body);
  }
  deleteCannedReply(id: string) {
    return this.send('DELETE', `/canned-replies/${enc(id)}`, OkResponseSchema);
  }

  notifications(signal?: AbortSignal) {
    return this.get('/notifications', NotificationListSchema, undefined, signal);
  }
  markNotificationsRead(ids?: readonly string[]) {
    return this.send('POST', '/notifications/read', MarkedSchema, ids === undefined ? {} : { ids });
  }
}
