import { createPublicKey } from 'node:crypto';

import { CNG_PROVIDERS, type CngProviderName } from './cng-scripts.js';

/** BCRYPT_ECDSA_PUBLIC_P256_MAGIC ("ECS1", little-endian) and the P-256 coordinate size. */
const ECDSA_PUBLIC_P256_MAGIC = 0x31534345;
const P256_BYTES = 32;

export type CngKeyAnswer =
  | { readonly found: true; readonly provider: CngProviderName; readonly publicKeySpki: Buffer }
  | { readonly found: false; readonly errors: readonly string[] };

/**
 * BCRYPT_ECCPUBLIC_BLOB (ULONG magic, ULONG cbKey, X, Y) → DER SubjectPublicKeyInfo, through a JWK
 * so node:crypto checks the point is on the curve.
 */
export function eccPublicBlobToSpki(blob: Buffer): Buffer {
  if (blob.length !== 8 + 2 * P256_BYTES || blob.readUInt32LE(0) !== ECDSA_PUBLIC_P256_MAGIC || blob.readUInt32LE(4) !== P256_BYTES) {
    throw new Error('the CNG key is not an ECDSA P-256 public key blob');
  }
  const x = blob.subarray(8, 8 + P256_BYTES).toString('base64url');
  const y = blob.subarray(8 + P256_BYTES).toString('base64url');
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' }).export({ type: 'spki', format: 'der' });
}

function parseJson(stdout: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(stdout.trim());
  } catch {
    throw new Error(`${what}: PowerShell did not answer with JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what}: unexpected answer`);
  return value as Record<string, unknown>;
}

/** Output of openKeyScript / createKeyScript. */
export function parseCngKeyAnswer(stdout: string): CngKeyAnswer {
  const v = parseJson(stdout, 'CNG key');
  if (v.found !== true) {
    // ConvertTo-Json writes a one-element array as a bare string.
    const errors = Array.isArray(v.errors) ? v.errors.map(String) : typeof v.errors === 'string' ? [v.errors] : [];
    return { found: false, errors };
  }
  const provider = CNG_PROVIDERS.find((p) => p === v.provider);
  if (provider === undefined) throw new Error(`CNG key: unknown provider ${String(v.provider).slice(0, 80)}`);
  if (typeof v.publicBlob !== 'string') throw new Error('CNG key: no public key in the answer');
  return { found: true, provider, publicKeySpki: eccPublicBlobToSpki(Buffer.from(v.publicBlob, 'base64')) };
}

/** Output of signScript: the 64-byte r‖s signature. */
export function parseCngSignature(stdout: string): Buffer {
  const v = parseJson(stdout, 'CNG signature');
  const signature = typeof v.signature === 'string' ? Buffer.from(v.signature, 'base64') : Buffer.alloc(0);
  if (signature.length !== 2 * P256_BYTES) throw new Error('CNG signature: expected 64 bytes (r‖s)');
  return signature;
}
