import { createPublicKey, verify } from 'node:crypto';

import type { DeviceKey } from '../../../agent/identity/device-key.js';

/** Whether `signature` (P1363 r‖s) is the device key's signature over `data`, checked as the server does. */
export function verifies(key: DeviceKey, data: Buffer, signature: Buffer): boolean {
  const publicKey = createPublicKey({ key: key.publicKeySpki, format: 'der', type: 'spki' });
  return verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
}
