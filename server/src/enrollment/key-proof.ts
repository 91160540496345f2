import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

import { proofMessage, type KeyProof, type ProofFields } from '@deskside/shared';

/** A device key as the server keeps it: canonical DER (base64) and its SHA-256 fingerprint. */
export interface ProvenKey {
  readonly publicKey: string;
  readonly fingerprint: string;
}

/** The key is not a P-256 public key, or the signature does not verify: one answer, no oracle. */
export class InvalidProofError extends Error {
  constructor(message = 'the device key proof is not valid') {
    super(message);
    this.name = 'InvalidProofError';
  }
}

function p256Key(spkiBase64: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new InvalidProofError('the device public key is not a DER SubjectPublicKeyInfo');
  }
  // Only the curve every agent store supports (node:crypto, Windows CNG/TPM, macOS): nothing weaker.
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new InvalidProofError('the device key must be ECDSA P-256');
  }
  return key;
}

/**
 * Checks the signature over the challenge and the request's fields. The caller has already used up
 * the challenge (so a replay fails there, whatever the signature).
 */
export function verifyProof(proof: KeyProof, fields: Omit<ProofFields, 'challenge' | 'publicKey'>): ProvenKey {
  const key = p256Key(proof.publicKey);
  const signature = Buffer.from(proof.signature, 'base64');
  if (signature.length !== 64) throw new InvalidProofError('the signature must be 64 bytes (r‖s)');
  const message = Buffer.from(proofMessage({ ...fields, challenge: proof.challenge, publicKey: proof.publicKey }), 'utf8');
  if (!verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature)) throw new InvalidProofError();
  const der = key.export({ type: 'spki', format: 'der' });
  return { publicKey: der.toString('base64'), fingerprint: createHash('sha256').update(der).digest('hex') };
}
