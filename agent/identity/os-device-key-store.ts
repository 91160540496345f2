import { join } from 'node:path';

import type { Platform } from '@deskside/shared';

import type { SystemAccess } from '../../collectors/types.js';
import type { Logger } from '../host.js';
import { silentLogger } from '../support/logger.js';
import type { DeviceKey, DeviceKeyStore } from './device-key.js';
import { FileDeviceKeyStore } from './file-device-key-store.js';
import { MacosDeviceKeyStore } from './macos-device-key-store.js';
import { WindowsDeviceKeyStore } from './windows-device-key-store.js';

/**
 * The OS keystore first, the owner-only file when the keystore cannot be used here (a per-user
 * install without administrator rights). A key found in either is used; a new key goes to the
 * keystore when it accepts it. Reading the keystore failing is not "no key": the file is then tried,
 * and a key is created only when neither holds one.
 */
export class FallbackDeviceKeyStore implements DeviceKeyStore {
  private used: DeviceKeyStore;

  constructor(
    private readonly primary: DeviceKeyStore,
    private readonly fallback: DeviceKeyStore,
    private readonly logger: Logger = silentLogger,
  ) {
    this.used = primary;
  }

  get description(): string {
    return this.used.description;
  }

  async load(): Promise<DeviceKey | null> {
    try {
      const key = await this.primary.load();
      if (key !== null) {
        this.used = this.primary;
        return key;
      }
    } catch (e) {
      this.logger.warn('the OS keystore could not be read for the device key; trying the key file', { store: this.primary.description, error: (e as Error).message });
    }
    const key = await this.fallback.load();
    if (key !== null) this.used = this.fallback;
    return key;
  }

  async create(): Promise<DeviceKey> {
    try {
      const key = await this.primary.create();
      this.used = this.primary;
      return key;
    } catch (e) {
      this.logger.warn('the OS keystore would not keep the device key; keeping it in an owner-only file', { store: this.primary.description, error: (e as Error).message });
      this.used = this.fallback;
      return this.fallback.create();
    }
  }
}

/** Windows: CNG machine key (TPM, else software KSP); macOS: System keychain; Linux: a 0600 file. */
export function osDeviceKeyStore(platform: Platform, system: SystemAccess, dataDir: string, logger?: Logger): DeviceKeyStore {
  const file = new FileDeviceKeyStore(join(dataDir, 'device-key.pem'));
  switch (platform) {
    case 'win32':
      return new FallbackDeviceKeyStore(new WindowsDeviceKeyStore(system), file, logger);
    case 'darwin':
      return new FallbackDeviceKeyStore(new MacosDeviceKeyStore(system), file, logger);
    case 'linux':
      return file;
  }
}
