import type { KeyProof, ProofFields } from '@deskside/shared';

import { forbidden, unauthorized } from '../http/http-error.js';
import type { Store } from '../storage/store.js';
import { InvalidProofError, verifyProof, type ProvenKey } from './key-proof.js';

/**
 * Uses up the proof's challenge (committed on its own, so a failed attempt cannot try the same
 * challenge again) and verifies the signature; any failure is a 401 in the shared error shape.
 */
export async function provenKey(store: Store, proof: KeyProof, fields: Omit<ProofFields, 'challenge' | 'publicKey'>): Promise<ProvenKey> {
  if (!(await store.challenges.consume(proof.challenge))) {
    throw unauthorized('the challenge is unknown, expired or already used; ask for a new one');
  }
  try {
    return verifyProof(proof, fields);
  } catch (err) {
    if (err instanceof InvalidProofError) throw unauthorized(err.message);
    throw err;
  }
}

export const rejectedDevice = () => forbidden('an administrator rejected this device; it cannot enroll or recover a credential with this key');
