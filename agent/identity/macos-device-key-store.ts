import type { SystemAccess } from '../../collectors/types.js';
import { DeviceKeyError, deviceKeyFromPkcs8, generateP256, nodeDeviceKey, type DeviceKey, type DeviceKeyStore } from './device-key.js';

export const SYSTEM_KEYCHAIN = '/Library/Keychains/System.keychain';
export const KEYCHAIN_SERVICE = 'com.deskside.agent.device-key';
export const KEYCHAIN_ACCOUNT = 'device-key';

/** `security` exits 44 (errSecItemNotFound) when the item does not exist. */
const ITEM_NOT_FOUND = 44;

/**
 * The device key's PKCS#8 (base64) as a generic password in the System keychain, readable only by
 * root (the agent's launchd daemon) and encrypted at rest by the keychain.
 *
 * Why not a keychain key that signs in place: `security` can create key pairs (`create-keypair`)
 * but has no verb that signs arbitrary bytes with one. Only SecKeyCreateSignature (a native call)
 * does, and `security cms -S` produces a CMS envelope that needs a certificate. Rather than ship a
 * native helper, the agent keeps the key where only root can read it and signs with node:crypto.
 */
export class MacosDeviceKeyStore implements DeviceKeyStore {
  constructor(private readonly system: SystemAccess) {}

  get description(): string {
    return `System keychain item "${KEYCHAIN_SERVICE}"`;
  }

  async load(): Promise<DeviceKey | null> {
    const r = await this.system.run('security', ['find-generic-password', '-a', KEYCHAIN_ACCOUNT, '-s', KEYCHAIN_SERVICE, '-w', SYSTEM_KEYCHAIN], { timeoutMs: 15_000 });
    if (r.exitCode === ITEM_NOT_FOUND) return null;
    if (r.exitCode !== 0) throw new DeviceKeyError(`The System keychain could not be read (security exit ${r.exitCode}): ${r.stderr.trim().slice(0, 300)}`);
    const text = r.stdout.trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new DeviceKeyError(`The device key in the System keychain item "${KEYCHAIN_SERVICE}" is damaged`);
    return deviceKeyFromPkcs8(Buffer.from(text, 'base64'), `the System keychain item "${KEYCHAIN_SERVICE}"`);
  }

  async create(): Promise<DeviceKey> {
    const key = generateP256();
    const pkcs8 = key.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    // Through `security -i` on stdin: a -w argument would show the key in the process list.
    const command = `add-generic-password -a ${KEYCHAIN_ACCOUNT} -s ${KEYCHAIN_SERVICE} -l "Deskside device key" -w ${pkcs8} ${SYSTEM_KEYCHAIN}\n`;
    const r = await this.system.run('security', ['-i'], { timeoutMs: 15_000, input: command });
    if (r.exitCode !== 0) throw new DeviceKeyError(`The device key could not be stored in the System keychain (security exit ${r.exitCode}): ${r.stderr.trim().slice(0, 300)}`);
    // Interactive mode reports a failed command on stderr but may still exit 0: read the item back.
    const stored = await this.load();
    const made = nodeDeviceKey(key);
    if (stored === null || !stored.publicKeySpki.equals(made.publicKeySpki)) {
      throw new DeviceKeyError(`The device key could not be stored in the System keychain: ${r.stderr.trim().slice(0, 300) || 'it does not read back'}`);
    }
    return made;
  }
}
