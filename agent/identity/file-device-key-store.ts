import { chmod, readFile, stat } from 'node:fs/promises';

import { writeFileAtomic } from '../support/atomic-write.js';
import { DeviceKeyError, deviceKeyFromPkcs8, generateP256, nodeDeviceKey, type DeviceKey, type DeviceKeyStore } from './device-key.js';

const PEM = /^-----BEGIN PRIVATE KEY-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END PRIVATE KEY-----\r?\n?$/;

/**
 * The device key as a PKCS#8 PEM file only its owner can read (0600, in the agent's 0700 data
 * folder), written atomically so a crash never leaves half a key. Used on Linux, and where the OS
 * keystore cannot be used (a per-user install without administrator rights).
 */
export class FileDeviceKeyStore implements DeviceKeyStore {
  constructor(private readonly path: string) {}

  get description(): string {
    return `file ${this.path} (owner-only)`;
  }

  async load(): Promise<DeviceKey | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new DeviceKeyError(`The device key file ${this.path} cannot be read (${(e as Error).message})`, { cause: e });
    }
    if (process.platform !== 'win32') {
      const { mode } = await stat(this.path);
      if ((mode & 0o077) !== 0) await chmod(this.path, 0o600);
    }
    const body = PEM.exec(text)?.[1];
    if (body === undefined) {
      throw new DeviceKeyError(`The device key file ${this.path} is damaged (not a PKCS#8 PEM private key). Remove it only if this device may enroll as a new, pending device.`);
    }
    return deviceKeyFromPkcs8(Buffer.from(body.replace(/\s+/g, ''), 'base64'), this.path);
  }

  async create(): Promise<DeviceKey> {
    const key = generateP256();
    await writeFileAtomic(this.path, key.export({ type: 'pkcs8', format: 'pem' }), 0o600);
    return nodeDeviceKey(key);
  }
}
