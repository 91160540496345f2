import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * The device key: an ECDSA P-256 key pair the agent makes at its first enrollment and keeps. The
 * server binds the device to its public half, so only this machine can re-enroll the device or get
 * a new credential for it; hardware identifiers alone never can. P-256 because Windows CNG (and its
 * TPM provider), macOS and node:crypto all support it.
 */
export interface DeviceKey {
  /** DER SubjectPublicKeyInfo: what the server stores and fingerprints. */
  readonly publicKeySpki: Buffer;
  /** ECDSA over SHA-256 of `data`, as IEEE P1363 r‖s (64 bytes): the form the device API expects. */
  sign(data: Uint8Array): Promise<Buffer>;
}

export interface DeviceKeyStore {
  /** Where the private key lives, for `status` and logs (never the key itself). */
  readonly description: string;
  /** The stored key, or null when none was made yet. Throws DeviceKeyError when it is unusable. */
  load(): Promise<DeviceKey | null>;
  /** Makes and stores a new key (only when load() found none). */
  create(): Promise<DeviceKey>;
}

/** The key exists but cannot be used (damaged file, keystore refused): said plainly, never replaced silently. */
export class DeviceKeyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeviceKeyError';
  }
}

/**
 * The stored key, or a new one. A store that holds a damaged key throws rather than making another:
 * a new key would make this machine a stranger to the server (a pending duplicate for an admin).
 */
export async function loadOrCreateDeviceKey(store: DeviceKeyStore): Promise<DeviceKey> {
  return (await store.load()) ?? store.create();
}

/** A node:crypto private key (the file and macOS stores) as a DeviceKey. */
export function nodeDeviceKey(privateKey: KeyObject): DeviceKey {
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new DeviceKeyError('the stored device key is not an ECDSA P-256 key');
  }
  const publicKeySpki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return {
    publicKeySpki,
    sign: (data) => Promise.resolve(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
  };
}

export function generateP256(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

/** PKCS#8 DER (as the file and keychain hold it) → DeviceKey; `where` names the place in errors. */
export function deviceKeyFromPkcs8(der: Buffer, where: string): DeviceKey {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (e) {
    throw new DeviceKeyError(`The device key in ${where} is damaged and cannot be read. Remove it only if this device may enroll as a new, pending device.`, { cause: e });
  }
  return nodeDeviceKey(key);
}
