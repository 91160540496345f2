import { z } from 'zod';

import { isoDateTime, uuid } from './limits.js';

/**
 * Proof of possession of the device key. The agent signs, with its ECDSA P-256 key, the server's
 * one-time challenge together with the request's identifying fields, so a signature can be neither
 * replayed (the challenge is used up) nor moved to another request (the fields are inside it).
 */

/** What a proof is for: signed into the message so a proof made for one call is refused by another. */
export const PROOF_PURPOSES = ['enroll', 'bind-key', 'recover'] as const;
export type ProofPurpose = (typeof PROOF_PURPOSES)[number];

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

export interface ProofFields {
  readonly purpose: ProofPurpose;
  readonly challenge: string;
  readonly publicKey: string;
  /** The device the call is about (bind-key, recover); null at enrollment. */
  readonly deviceId: string | null;
  /** As sent in the enrollment's `device` (before any clean-up); null for the other calls. */
  readonly hardwareUuid: string | null;
  readonly serial: string | null;
  readonly platform: string | null;
}

/** The exact text both ends sign and verify (as UTF-8): a JSON array, so field boundaries cannot blur. */
export function proofMessage(f: ProofFields): string {
  return JSON.stringify(['deskside-key-proof/1', f.purpose, f.challenge, f.publicKey, f.deviceId, f.hardwareUuid, f.serial, f.platform]);
}

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
