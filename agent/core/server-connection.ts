import { NotEnrolledError } from '../agent-errors.js';
import type { AgentSettings } from '../config/settings-schema.js';
import type { HttpTransport, StoredCredential } from '../host.js';
import { DeviceApi } from '../transport/device-api.js';
import { createUndiciTransport } from '../transport/undici-transport.js';
import { AGENT_VERSION } from '../version.js';

const transportKey = (s: AgentSettings) => JSON.stringify([s.proxyUrl, s.extraCaFile, s.serverKeyPins]);

/**
 * The device API client for the current settings: the host's transport (Electron `net` in the tray),
 * or one of our own (undici), rebuilt only when the proxy, CA file or pins change.
 */
export class ServerConnection {
  #own: { key: string; transport: HttpTransport } | null = null;

  constructor(
    private readonly d: {
      readonly settings: () => AgentSettings;
      readonly transport?: HttpTransport;
      readonly now: () => Date;
    },
  ) {}

  async #transport(): Promise<HttpTransport> {
    if (this.d.transport) return this.d.transport;
    const settings = this.d.settings();
    const key = transportKey(settings);
    if (this.#own?.key === key) return this.#own.transport;
    const old = this.#own;
    this.#own = { key, transport: await createUndiciTransport(settings) };
    await old?.transport.close();
    return this.#own.transport;
  }

  async api(credential: StoredCredential | null, serverUrl?: string): Promise<DeviceApi> {
    const settings = this.d.settings();
    const url = serverUrl ?? credential?.serverUrl ?? settings.serverUrl;
    if (!url) throw new NotEnrolledError('No server is configured: run "deskside-agent enroll --server URL --enroll-secret SECRET"');
    return new DeviceApi({
      transport: await this.#transport(),
      serverUrl: url,
      allowInsecureHttp: settings.allowInsecureHttp,
      agentVersion: AGENT_VERSION,
      credential: credential?.credential ?? null,
      now: this.d.now,
    });
  }

  async close(): Promise<void> {
    await this.#own?.transport.close();
    this.#own = null;
  }
}
