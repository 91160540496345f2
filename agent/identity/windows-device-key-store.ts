import type { SystemAccess } from '../../collectors/types.js';
import { createKeyScript, openKeyScript, signScript, type CngProviderName } from './cng-scripts.js';
import { DeviceKeyError, type DeviceKey, type DeviceKeyStore } from './device-key.js';
import { parseCngKeyAnswer, parseCngSignature } from './parse-cng-output.js';

/** A TPM signature can take a second or two; PowerShell's start-up adds about as much. */
const TIMEOUT_MS = 30_000;

/**
 * The device key as a persisted CNG machine key (TPM where present): the private key never reaches
 * the agent's memory or disk. Creating or using a machine key needs administrator rights, which the
 * agent service (LocalSystem) has; a per-user install falls back to the file store (os-device-key-store).
 */
export class WindowsDeviceKeyStore implements DeviceKeyStore {
  private provider: CngProviderName | null = null;

  constructor(private readonly system: SystemAccess) {}

  get description(): string {
    return `CNG machine key "Deskside Device Key"${this.provider === null ? '' : ` (${this.provider})`}`;
  }

  async load(): Promise<DeviceKey | null> {
    const answer = parseCngKeyAnswer(await this.run(openKeyScript(), 'open'));
    if (!answer.found) return null;
    this.provider = answer.provider;
    return this.key(answer.provider, answer.publicKeySpki);
  }

  async create(): Promise<DeviceKey> {
    const answer = parseCngKeyAnswer(await this.run(createKeyScript(), 'create'));
    if (!answer.found) throw new DeviceKeyError(`No CNG provider would create the device key: ${answer.errors.join('; ') || 'no reason given'}`);
    this.provider = answer.provider;
    return this.key(answer.provider, answer.publicKeySpki);
  }

  private key(provider: CngProviderName, publicKeySpki: Buffer): DeviceKey {
    return {
      publicKeySpki,
      sign: async (data) => parseCngSignature(await this.run(signScript(provider, Buffer.from(data).toString('base64')), 'sign with')),
    };
  }

  private async run(script: string, verb: string): Promise<string> {
    const result = await this.system.powershell(script, { timeoutMs: TIMEOUT_MS });
    if (result.exitCode !== 0) {
      throw new DeviceKeyError(`Could not ${verb} the CNG device key (PowerShell exit ${result.exitCode}): ${result.stderr.trim().slice(0, 300)}`);
    }
    return result.stdout;
  }
}
