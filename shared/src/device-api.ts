import { z } from 'zod';

import { DiagnosticsRequestSchema } from './helpdesk.js';
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

/* ───────────── device key proofs (see device-proof.ts for the signed text) ───────────── */

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The public key as base64 of its DER SubjectPublicKeyInfo (91 bytes for P-256). */
export const DevicePublicKeySchema = z.string().min(100).max(400).regex(base64, 'base64 of a DER SubjectPublicKeyInfo');

/** A server challenge: 32 random bytes, base64url. */
export const ChallengeSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 random bytes as base64url');

export const ChallengeResponseSchema = z.strictObject({
  challenge: ChallengeSchema,
  /** Answer before this instant; each challenge is accepted once. */
  expiresAt: isoDateTime,
});
export type ChallengeResponse = z.infer<typeof ChallengeResponseSchema>;

export const KeyProofSchema = z.strictObject({
  publicKey: DevicePublicKeySchema,
  challenge: ChallengeSchema,
  /**
   * ECDSA P-256 over SHA-256 of `proofMessage(...)` in IEEE P1363 form (r‖s, 64 bytes), base64: the
   * form Windows CNG produces natively and node:crypto produces with `dsaEncoding: 'ieee-p1363'`.
   */
  signature: z.string().min(80).max(100).regex(base64, 'base64 of a 64-byte r‖s signature'),
});
export type KeyProof = z.infer<typeof KeyProofSchema>;

/** `POST key`: a device enrolled before keys existed binds its key (authenticated by its credential). */
export const KeyBindRequestSchema = z.strictObject({ proof: KeyProofSchema });
export type KeyBindRequest = z.infer<typeof KeyBindRequestSchema>;

export const KeyBindResponseSchema = z.strictObject({ keyBound: z.literal(true) });
export type KeyBindResponse = z.infer<typeof KeyBindResponseSchema>;

/** `POST recover`: a device whose credential was refused proves its key and gets a fresh credential. */
export const RecoverRequestSchema = z.strictObject({
  deviceId: uuid,
  agentVersion: z.string().min(1).max(64),
  proof: KeyProofSchema,
});
export type RecoverRequest = z.infer<typeof RecoverRequestSchema>;

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
  /** Technicians asked for fresh diagnostics on these tickets: collect and upload each once. */
  diagnosticsRequests: list(DiagnosticsRequestSchema, 20).optional(),
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
