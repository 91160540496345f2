import type { DeviceIdentity, EnrollResponse, KeyProof, Platform } from '@deskside/shared';

import type { CredentialStore, Logger, StoredCredential } from '../host.js';
import { loadOrCreateDeviceKey, type DeviceKeyStore } from '../identity/device-key.js';
import { ApiRequestError } from '../transport/api-error.js';
import type { DeviceApi } from '../transport/device-api.js';
import { AGENT_VERSION } from '../version.js';
import { proveKey } from './key-proof.js';

/** A server from before device keys answers 404 for the challenge: enroll as before, bind later. */
const predatesKeys = (e: unknown): boolean => e instanceof ApiRequestError && e.status === 404;

/**
 * The proof an enrollment carries: the device key (made now at first enrollment, kept afterwards)
 * signing a fresh challenge with the identifiers sent. A key store that cannot be used throws
 * (DeviceKeyError): enrolling without the key would make this machine a stranger to its own device.
 */
export async function enrollmentProof(api: DeviceApi, keys: DeviceKeyStore, device: DeviceIdentity, platform: Platform, logger: Logger): Promise<KeyProof | undefined> {
  const key = await loadOrCreateDeviceKey(keys);
  try {
    return await proveKey(api, key, { purpose: 'enroll', deviceId: null, hardwareUuid: device.hardwareUuid, serial: device.serial, platform });
  } catch (e) {
    if (!predatesKeys(e)) throw e;
    logger.info('the server does not know device keys yet; enrolling without one');
    return undefined;
  }
}

/**
 * After a 401: a fresh credential for the same device by proof of its key. `rejected`: an
 * administrator rejected the device on purpose (do not try to come back). null: no key here, or the
 * server does not accept it for this device; the caller falls back to the enrollment secret.
 */
export async function recoverWithKey(api: DeviceApi, keys: DeviceKeyStore, deviceId: string, logger: Logger): Promise<EnrollResponse | 'rejected' | null> {
  let key;
  try {
    key = await keys.load();
  } catch (e) {
    logger.warn('the device key cannot be used to recover the credential', { store: keys.description, error: (e as Error).message });
    return null;
  }
  if (key === null) return null;
  try {
    const proof = await proveKey(api, key, { purpose: 'recover', deviceId, hardwareUuid: null, serial: null, platform: null });
    return await api.recover({ deviceId, agentVersion: AGENT_VERSION, proof });
  } catch (e) {
    if (e instanceof ApiRequestError && e.status === 403) return 'rejected';
    if (e instanceof ApiRequestError && (e.status === 401 || e.status === 404)) return null;
    throw e;
  }
}

/** Check-in said the server holds no key for this device (enrolled before keys): bind ours. */
export async function bindDeviceKey(api: DeviceApi, keys: DeviceKeyStore, deviceId: string): Promise<void> {
  const key = await loadOrCreateDeviceKey(keys);
  const proof = await proveKey(api, key, { purpose: 'bind-key', deviceId, hardwareUuid: null, serial: null, platform: null });
  await api.bindKey({ proof });
}

/**
 * The whole answer to a refused credential by key proof: a fresh credential saved in place of the
 * old one (same device), `rejected` (an administrator rejected the device; the credential is
 * cleared), or null (no key, or not accepted: the caller tries the enrollment secret).
 */
export async function recoverStoredCredential(
  api: DeviceApi,
  keys: DeviceKeyStore,
  credentials: CredentialStore,
  previous: StoredCredential,
  logger: Logger,
): Promise<StoredCredential | 'rejected' | null> {
  let outcome;
  try {
    outcome = await recoverWithKey(api, keys, previous.deviceId, logger);
  } catch (e) {
    logger.warn('could not recover the credential with the device key', { error: (e as Error).message });
    return null;
  }
  if (outcome === null) return null;
  if (outcome === 'rejected') {
    await credentials.clear();
    return 'rejected';
  }
  const renewed: StoredCredential = { ...previous, deviceId: outcome.deviceId, credential: outcome.credential };
  await credentials.save(renewed);
  logger.warn('credential refused by the server; a new one was issued on proof of the device key', { deviceId: outcome.deviceId });
  return renewed;
}

/** bindDeviceKey, logged and never fatal: check-in asks again next time until it is bound. */
export async function bindDeviceKeyQuietly(api: DeviceApi, keys: DeviceKeyStore, deviceId: string, logger: Logger): Promise<void> {
  try {
    await bindDeviceKey(api, keys, deviceId);
    logger.info('device key bound on the server', { keyStore: keys.description });
  } catch (e) {
    logger.warn('the device key could not be bound on the server; trying again at the next check-in', { error: (e as Error).message });
  }
}
