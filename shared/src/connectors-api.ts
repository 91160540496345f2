import { z } from 'zod';

import { LIMITS, isoDateTime, maybeText, text, uuid } from './limits.js';
import { WebhookUrlSchema } from './webhooks-api.js';

/**
 * Connectors (`/api/v1/console/connectors...`, administrators only): each new Deskside ticket is
 * created in another helpdesk too (GLPI, Zammad or Jira Service Management), its comments and status
 * follow, and the remote ticket's number and link show on the Deskside ticket.
 */

export const CONNECTOR_KINDS = ['glpi', 'zammad', 'jira'] as const;
export const ConnectorKindSchema = z.enum(CONNECTOR_KINDS);
export type ConnectorKind = z.infer<typeof ConnectorKindSchema>;

const secret = (what: string) => z.string().trim().min(1, `${what} is required`).max(LIMITS.shortText);
const id = (what: string) => z.string().trim().regex(/^\d{1,12}$/, `${what} is a number`);

/** What each product needs besides its URL, secrets included (written, never read back). */
export const ConnectorConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('glpi'),
    /** GLPI's root, e.g. https://glpi.example.com (the REST API is its /apirest.php). */
    baseUrl: WebhookUrlSchema,
    appToken: secret('the application token'),
    userToken: secret('the user token'),
  }),
  z.strictObject({
    kind: z.literal('zammad'),
    baseUrl: WebhookUrlSchema,
    token: secret('the access token'),
    /** The Zammad group new tickets go to, e.g. "Users". */
    group: z.string().trim().min(1, 'the group is required').max(LIMITS.shortText),
    /** The customer's e-mail when the Deskside ticket has none (Zammad requires a customer). */
    fallbackCustomer: z.email().max(LIMITS.shortText),
  }),
  z.strictObject({
    kind: z.literal('jira'),
    /** The site, e.g. https://example.atlassian.net. */
    baseUrl: WebhookUrlSchema,
    email: z.email().max(LIMITS.shortText),
    apiToken: secret('the API token'),
    serviceDeskId: id('the service desk id'),
    requestTypeId: id('the request type id'),
  }),
]);
export type ConnectorConfig = z.infer<typeof ConnectorConfigSchema>;

/** The same without secrets: what the console shows back. */
export const ConnectorSettingsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('glpi'), baseUrl: text(2_000) }),
  z.strictObject({ kind: z.literal('zammad'), baseUrl: text(2_000), group: text(), fallbackCustomer: text() }),
  z.strictObject({ kind: z.literal('jira'), baseUrl: text(2_000), email: text(), serviceDeskId: text(12), requestTypeId: text(12) }),
]);
export type ConnectorSettings = z.infer<typeof ConnectorSettingsSchema>;

export const ConnectorSchema = z.strictObject({
  id: uuid,
  name: text(80),
  enabled: z.boolean(),
  settings: ConnectorSettingsSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Connector = z.infer<typeof ConnectorSchema>;

export const ConnectorListSchema = z.strictObject({ items: z.array(ConnectorSchema) });
export type ConnectorList = z.infer<typeof ConnectorListSchema>;

export const ConnectorCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'a connector needs a name').max(80),
  enabled: z.boolean().default(true),
  config: ConnectorConfigSchema,
});
export type ConnectorCreate = z.input<typeof ConnectorCreateSchema>;

/** Changing the configuration replaces it whole, secrets included (they are never shown to copy back). */
export const ConnectorUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'a connector needs a name').max(80).optional(),
    enabled: z.boolean().optional(),
    config: ConnectorConfigSchema.optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to update' });
export type ConnectorUpdate = z.infer<typeof ConnectorUpdateSchema>;

export const REMOTE_LINK_STATES = ['pending', 'linked', 'failed'] as const;

/** A Deskside ticket's twin in another helpdesk. */
export const RemoteTicketLinkSchema = z.strictObject({
  connectorId: uuid,
  connectorName: text(80),
  kind: ConnectorKindSchema,
  state: z.enum(REMOTE_LINK_STATES),
  remoteId: maybeText(64),
  /** The number people quote: GLPI's id, Zammad's ticket number, Jira's issue key. */
  remoteNumber: maybeText(64),
  remoteUrl: maybeText(2_000),
  lastError: maybeText(LIMITS.mediumText),
  updatedAt: isoDateTime,
});
export type RemoteTicketLink = z.infer<typeof RemoteTicketLinkSchema>;

export const RemoteTicketLinkListSchema = z.strictObject({ items: z.array(RemoteTicketLinkSchema) });
export type RemoteTicketLinkList = z.infer<typeof RemoteTicketLinkListSchema>;
