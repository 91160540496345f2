import { proofMessage, type KeyProof, type ProofFields } from '@deskside/shared';

import type { DeviceKey } from '../identity/device-key.js';
import type { DeviceApi } from '../transport/device-api.js';

/** Asks the server for a one-time challenge and signs it with the request's identifying fields. */
export async function proveKey(api: DeviceApi, key: DeviceKey, fields: Omit<ProofFields, 'challenge' | 'publicKey'>): Promise<KeyProof> {
  const { challenge } = await api.challenge();
  const publicKey = key.publicKeySpki.toString('base64');
  const signature = await key.sign(Buffer.from(proofMessage({ ...fields, challenge, publicKey }), 'utf8'));
  return { publicKey, challenge, signature: signature.toString('base64') };
}
