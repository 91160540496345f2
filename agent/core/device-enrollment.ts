import { type as osType, release as osRelease } from 'node:os';

import type { Platform } from '@deskside/shared';

import { NotEnrolledError } from '../agent-errors.js';
import type { EnrollInput, EnrollmentState } from '../agent-types.js';
import { enrollmentProof, recoverStoredCredential } from '../enrollment/device-key-enrollment.js';
import type { CredentialStore, Logger, StoredCredential } from '../host.js';
import { readDeviceIdentity } from '../identity/device-identity.js';
import { DeviceKeyError, type DeviceKeyStore } from '../identity/device-key.js';
import type { InstallerSecret, InstallerSecretStore } from '../identity/installer-secret.js';
import { refusalConfirmed } from '../identity/refusal-check.js';
import type { StateStore } from '../state/agent-state.js';
import type { EventHub } from '../support/events.js';
import { ApiRequestError } from '../transport/api-error.js';
import type { DeviceApi } from '../transport/device-api.js';
import { AGENT_VERSION } from '../version.js';
import type { ServerConnection } from './server-connection.js';
import type { SettingsKeeper } from './settings-keeper.js';

export interface DeviceEnrollmentDeps {
  readonly platform: Platform;
  readonly state: StateStore;
  readonly credentials: CredentialStore;
  readonly deviceKeys: DeviceKeyStore;
  readonly installerSecret: InstallerSecretStore;
  readonly config: SettingsKeeper;
  readonly connection: ServerConnection;
  readonly hub: EventHub;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Waits before a refusal is checked again (tests pass a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The device's identity with the server: enrolling (with the configured, given or installer's secret
 * and the device key's proof), the credential, and what to do when the server refuses it. Callers
 * hold the agent's lock.
 */
export class DeviceEnrollment {
  constructor(private readonly d: DeviceEnrollmentDeps) {}

  notEnrolledReason(): string {
    return this.d.state.get().notEnrolledReason ?? 'This device has not been enrolled yet';
  }

  async current(): Promise<EnrollmentState> {
    const credential = await this.d.credentials.load();
    if (credential) return { state: 'enrolled', deviceId: credential.deviceId, serverUrl: credential.serverUrl, enrolledAt: credential.enrolledAt };
    return { state: 'not-enrolled', reason: this.notEnrolledReason() };
  }

  /** The installer's protected secret, when this process may read it; an unusable one stops enrollment. */
  async readInstallerSecret(): Promise<InstallerSecret | null> {
    let secret: InstallerSecret | null;
    try {
      secret = await this.d.installerSecret.read();
    } catch (e) {
      throw new NotEnrolledError(`Cannot enroll: ${(e as Error).message}`);
    }
    if (secret?.warning) this.d.logger.warn(secret.warning);
    return secret;
  }

  /** Spent: delete the installer's secret where this process may, and say what became of it (never its value). */
  async #consumeInstallerSecret(secret: InstallerSecret): Promise<void> {
    const { logger } = this.d;
    try {
      const outcome = await this.d.installerSecret.consume(secret);
      switch (outcome.done) {
        case 'deleted':
        case 'blanked':
          logger.info(`enrolled with the installer's enrollment secret; ${outcome.done} it`, { location: secret.location });
          break;
        case 'kept':
          logger.warn("enrolled with the installer's enrollment secret; it stays in place", { location: secret.location, reason: outcome.reason });
          break;
      }
    } catch (e) {
      logger.warn("enrolled, but the installer's enrollment secret could not be removed", { location: secret.location, error: (e as Error).message });
    }
  }

  /**
   * `installer`: the protected secret when the caller already read it (undefined: read it here if no
   * other secret is given). Only a secret that came from there is consumed after success.
   */
  async enroll(input: EnrollInput, installer?: InstallerSecret | null): Promise<EnrollmentState> {
    const { config, connection, deviceKeys, platform, logger, state, credentials, hub } = this.d;
    const view = await config.reload();
    if (input.serverUrl && view.sourceOf.serverUrl === 'policy' && input.serverUrl !== view.values.serverUrl) {
      throw new NotEnrolledError(`The server is set by your organisation's policy (${view.values.serverUrl}); enroll without --server`);
    }
    const serverUrl = input.serverUrl ?? view.values.serverUrl;
    if (!serverUrl) throw new NotEnrolledError('No server URL: pass --server URL or set serverUrl in the configuration');
    let secret = input.enrollSecret ?? view.values.enrollSecret;
    const provided = secret ? null : installer === undefined ? await this.readInstallerSecret() : installer;
    secret ??= provided?.value ?? null;
    if (!secret) {
      throw new NotEnrolledError(
        'No enrollment secret: pass --enroll-secret, set enrollSecret in the configuration, or let the agent service enroll with the secret given to the installer',
      );
    }
    const api = await connection.api(null, serverUrl);
    const device = await readDeviceIdentity();
    const tag = await config.recordedTag();
    let res;
    try {
      const proof = await enrollmentProof(api, deviceKeys, device, platform, logger);
      res = await api.enroll({
        enrollSecret: secret,
        device,
        platform,
        osName: `${osType()} ${osRelease()}`.slice(0, 256),
        agentVersion: AGENT_VERSION,
        ...(tag ? { tag } : {}),
        ...(proof ? { proof } : {}),
      });
    } catch (e) {
      if (e instanceof DeviceKeyError) throw new NotEnrolledError(`Cannot enroll: ${e.message}`);
      if (e instanceof ApiRequestError && e.status === 403) throw new NotEnrolledError(`The server refused this device (${e.message})`);
      if (e instanceof ApiRequestError && e.status === 401) {
        const from = provided ? ` from ${provided.location}` : '';
        throw new NotEnrolledError(`The server refused the enrollment secret${from} (${e.message}); ask IT for the current secret`);
      }
      throw e;
    }
    const stored: StoredCredential = { serverUrl, deviceId: res.deviceId, credential: res.credential, enrolledAt: this.d.now().toISOString() };
    await credentials.save(stored);
    await state.update(() => ({ notEnrolledReason: null, pushedSettings: res.settings, fullInventoryRequested: true }));
    if (provided) await this.#consumeInstallerSecret(provided);
    await config.rememberServer(serverUrl);
    await config.reload();
    const enrollment = await this.current();
    logger.info('enrolled', { deviceId: res.deviceId, server: api.origin, keyStore: deviceKeys.description });
    if (res.enrollState === 'pending') {
      logger.warn('enrolled as a pending device: the server knows this hardware under another device key, and an administrator decides whether it is the same device', { deviceId: res.deviceId });
    }
    hub.emit({ type: 'enrollment-changed', enrollment });
    return enrollment;
  }

  /**
   * Deployed with a server and a secret (policy, or the installer's protected copy): enroll without
   * anyone typing anything; true when it did. No secret here (a user's own agent): stay "not enrolled".
   * A refused or unusable secret stops the attempts (no silent loop); an unreachable server is retried.
   */
  async enrollUnattended(): Promise<boolean> {
    const settings = this.d.config.values;
    if (!settings.serverUrl || this.d.state.get().notEnrolledReason !== null) return false;
    try {
      const installer = settings.enrollSecret ? null : await this.readInstallerSecret();
      if (!settings.enrollSecret && !installer) return false;
      await this.enroll({}, installer);
      return true;
    } catch (e) {
      if (e instanceof NotEnrolledError) await this.markNotEnrolled(`Automatic enrollment failed: ${e.message}`);
      throw e;
    }
  }

  /**
   * The server refused the credential. A single refusal (a proxy, a blip) counts only when a second
   * request a little later is refused too. Then first prove the device key for a fresh credential
   * (same device); failing that, with an enrollment secret configured, enroll again once (the key finds
   * the device again); otherwise clear it and show "not enrolled". The queue stays either way.
   */
  async handleUnauthorized(): Promise<StoredCredential | null> {
    const { config, connection, credentials, deviceKeys, logger } = this.d;
    const view = config.view;
    const previous = await credentials.load();
    // Not confirmed: the caller retries with the same credential.
    if (previous && !(await refusalConfirmed(async () => (await connection.api(previous)).listTickets(), this.d.sleep))) return previous;
    if (previous) {
      const recovered = await recoverStoredCredential(await connection.api(null, previous.serverUrl), deviceKeys, credentials, previous, logger);
      if (recovered === 'rejected') {
        await this.markNotEnrolled('An administrator rejected this device on the server. Ask IT before enrolling it again.');
        return null;
      }
      if (recovered !== null) return recovered;
    }
    await credentials.clear();
    const serverUrl = previous?.serverUrl ?? view.values.serverUrl;
    // A secret in the configuration, or the installer's while it is still there (Linux keeps a read-only copy).
    const installer = view.values.enrollSecret || !serverUrl ? null : await this.readInstallerSecret().catch(() => null);
    if ((view.values.enrollSecret || installer) && serverUrl) {
      try {
        await this.enroll({ serverUrl, ...(view.values.enrollSecret ? { enrollSecret: view.values.enrollSecret } : {}) }, installer);
        logger.warn('credential refused by the server; enrolled again with the configured secret');
        return credentials.load();
      } catch (e) {
        await this.markNotEnrolled(`The server refused this device's credential and re-enrollment failed: ${(e as Error).message}`);
        return null;
      }
    }
    await this.markNotEnrolled('The server no longer recognises this device (credential revoked or unknown). Enroll it again.');
    return null;
  }

  async markNotEnrolled(reason: string): Promise<void> {
    await this.d.state.update(() => ({ notEnrolledReason: reason, lastError: reason }));
    this.d.logger.error(reason);
    this.d.hub.emit({ type: 'enrollment-changed', enrollment: { state: 'not-enrolled', reason } });
  }

  /** Run `fn` with the credential; on 401 re-enroll once (when possible) and retry once. */
  async withCredential<T>(fn: (api: DeviceApi) => Promise<T>): Promise<T> {
    const credential = await this.d.credentials.load();
    if (!credential) throw new NotEnrolledError(this.notEnrolledReason());
    try {
      return await fn(await this.d.connection.api(credential));
    } catch (e) {
      if (!(e instanceof ApiRequestError) || e.kind !== 'unauthorized') throw e;
      const renewed = await this.handleUnauthorized();
      if (!renewed) throw new NotEnrolledError(this.notEnrolledReason());
      return fn(await this.d.connection.api(renewed));
    }
  }
}
