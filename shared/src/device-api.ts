import { z } from 'zod';

import { KeyProofSchema } from './device-proof.js';
import { DeviceIdentitySchema, InventoryDocumentSchema } from './inventory/document.js';
import { PlatformSchema } from './inventory/system.js';
import { isoDateTime, list, maybeText, text, uuid } from './limits.js';
import { PushedSettingsSchema } from './settings.js';
import { DeviceTicketViewSchema, TicketStatusSchema } from './ticket.js';

/** Base path of the device API; the credential travels as `Authorization: Bearer <credential>`. */
export const AGENT_API_BASE = '/api/v1/agent';

/**
 * The rollout label an installer recorded (TAG=, DESKSIDE_TAG, `tag` in deskside.json): a site or
 * department for the console. Same rule as the installers apply.
 */
export const DeviceTagSchema = z.string().regex(/^[\p{L}\p{N} ._:/@-]{1,128}$/u, 'must be 1 to 128 letters, digits, spaces or . _ : / @ -');

export const EnrollRequestSchema = z.strictObject({
  enrollSecret: text(512),
  device: DeviceIdentitySchema,
  platform: PlatformSchema,
  osName: maybeText(),
  agentVersion: text(64),
  tag: DeviceTagSchema.optional(),
  /**
   * The device key and a signature over a challenge from `POST challenge` (purpose `enroll`). Without
   * it (agents from before device keys) an enrollment never reaches an existing device.
   */
  proof: KeyProofSchema.optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.strictObject({
  deviceId: uuid,
  /** Shown once; the server keeps only its hash. */
  credential: text(512),
  settings: PushedSettingsSchema,
  /**
   * `pending`: the hardware looks like a device already enrolled with another (or no) key, so this is a
   * separate device until an administrator approves, merges or rejects it. Absent from older servers.
   */
  enrollState: z.enum(['active', 'pending']).optional(),
  /** Whether the server holds this device's public key. */
  keyBound: z.boolean().optional(),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

export const CheckinRequestSchema = z.strictObject({
  agentVersion: text(64),
  hostname: text(),
  /** Opaque cursor from the previous check-in; null on first contact. */
  ticketCursor: maybeText(128),
  /** Queue depth, so the console can tell a device that cannot deliver. */
  outboxItems: z.number().int().nonnegative().optional(),
  /** The installer's tag as recorded now (a reinstall may change it); absent when none is recorded. */
  tag: DeviceTagSchema.optional(),
});
export type CheckinRequest = z.infer<typeof CheckinRequestSchema>;

export const TicketUpdateSchema = z.strictObject({
  ticket: DeviceTicketViewSchema,
  /** What changed since the cursor, for notifications. */
  statusChanged: z.boolean(),
  newTechnicianMessages: z.number().int().nonnegative(),
});
export type TicketUpdate = z.infer<typeof TicketUpdateSchema>;

export const CheckinResponseSchema = z.strictObject({
  serverTime: isoDateTime,
  settings: PushedSettingsSchema,
  sendFullInventory: z.boolean(),
  ticketUpdates: list(TicketUpdateSchema, 500),
  ticketCursor: text(128),
  /** False: the server holds no key for this device; the agent binds one with `POST key`. Absent from older servers. */
  keyBound: z.boolean().optional(),
});
export type CheckinResponse = z.infer<typeof CheckinResponseSchema>;

/** Body of `PUT inventory` (JSON, optionally gzip-encoded). `uploadId` makes retries idempotent. */
export const InventoryUploadSchema = z.strictObject({
  uploadId: uuid,
  document: InventoryDocumentSchema,
});
export type InventoryUpload = z.infer<typeof InventoryUploadSchema>;

/** Every accepted upload is acknowledged the same way; `duplicate` marks a retry already stored. */
export const UploadAckSchema = z.strictObject({
  id: uuid,
  duplicate: z.boolean(),
  receivedAt: isoDateTime,
});
export type UploadAck = z.infer<typeof UploadAckSchema>;

export const TicketAckSchema = UploadAckSchema.extend({
  number: z.number().int().positive(),
  status: TicketStatusSchema,
});
export type TicketAck = z.infer<typeof TicketAckSchema>;

export const DeviceTicketListSchema = z.strictObject({
  tickets: list(DeviceTicketViewSchema, 1000),
});
export type DeviceTicketList = z.infer<typeof DeviceTicketListSchema>;
