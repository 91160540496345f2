/**
 * Proof of possession of the device key. The agent signs, with its ECDSA P-256 key, the server's
 * one-time challenge together with the request's identifying fields, so a signature can be neither
 * replayed (the challenge is used up) nor moved to another request (the fields are inside it).
 */

/** What a proof is for: signed into the message so a proof made for one call is refused by another. */
export const PROOF_PURPOSES = ['enroll', 'bind-key', 'recover'] as const;
export type ProofPurpose = (typeof PROOF_PURPOSES)[number];

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
