import type { Platform } from '@deskside/shared';

import type { SystemAccess } from '../../collectors/types.js';
import { NotEnrolledError } from '../agent-errors.js';
import type { AgentSettings } from '../config/settings-schema.js';
import type { HttpRequest, HttpResponse, HttpTransport, StoredCredential } from '../host.js';
import { DeviceApi } from '../transport/device-api.js';
import { machineProxyResolver } from '../transport/proxy/machine-proxy.js';
import type { ProxyResolver } from '../transport/proxy/proxy-resolver.js';
import { describeRoute } from '../transport/proxy/proxy-route.js';
import { TransportError } from '../transport/transport-error.js';
import { loadSystemCertificates } from '../transport/trust/system-certificates.js';
import type { TrustSummary } from '../transport/trust/trusted-roots.js';
import { createUndiciTransport, type UndiciTransport } from '../transport/undici-transport.js';
import { AGENT_VERSION } from '../version.js';

const transportKey = (s: AgentSettings) => JSON.stringify([s.proxyUrl, s.extraCaFile, s.serverKeyPins]);

/** How the agent's own traffic reaches the server, as `status`, the tray and diagnostics show it. */
export interface NetworkPath {
  /** "direct (no proxy configured)", "through http://proxy:3128 (PAC http://wpad.corp/wpad.dat)". */
  readonly route: string | null;
  /** A proxy that refused the agent (407, 403): shown as a state until a request gets through. */
  readonly proxyRefused: { readonly proxy: string | null; readonly status: number; readonly message: string; readonly at: string } | null;
  readonly trust: TrustSummary | null;
}

/**
 * The device API client for the current settings: the host's transport (Electron `net` in the tray),
 * or one of our own (undici), rebuilt only when the proxy, CA file or pins change.
 */
export class ServerConnection {
  #own: { key: string; transport: UndiciTransport; trust: TrustSummary; resolver: ProxyResolver | null } | null = null;
  #refused: NetworkPath['proxyRefused'] = null;

  constructor(
    private readonly d: {
      readonly settings: () => AgentSettings;
      readonly transport?: HttpTransport;
      readonly now: () => Date;
      /** With these, the agent's own transport trusts the OS certificate store and follows the OS proxy. */
      readonly platform?: Platform;
      readonly system?: SystemAccess;
    },
  ) {}

  async #transport(): Promise<HttpTransport> {
    if (this.d.transport) return this.d.transport;
    const settings = this.d.settings();
    const key = transportKey(settings);
    if (this.#own?.key === key) return this.#watching(this.#own.transport);
    const old = this.#own;
    const { platform, system } = this.d;
    const transport = await createUndiciTransport(
      settings,
      platform && system
        ? {
            systemCertificates: () => loadSystemCertificates({ platform, system }),
            proxyResolver: machineProxyResolver({ platform, system, settingsProxy: settings.proxyUrl }),
          }
        : {},
    );
    this.#own = { key, transport, trust: transport.trust, resolver: transport.resolver };
    this.#refused = null;
    await old?.transport.close();
    return this.#watching(transport);
  }

  /** Notes a proxy's refusal and clears it once a request gets an answer again. */
  #watching(transport: UndiciTransport): HttpTransport {
    return {
      request: async (req: HttpRequest): Promise<HttpResponse> => {
        try {
          const res = await transport.request(req);
          this.#refused = null;
          return res;
        } catch (e) {
          if (e instanceof TransportError && e.refusedBy !== null) {
            this.#refused = { proxy: e.proxy?.address ?? null, status: e.refusedBy, message: e.message, at: this.d.now().toISOString() };
            // A refusal may follow a changed PAC or system proxy: read them again before the next try.
            this.#own?.resolver?.invalidate();
          }
          throw e;
        }
      },
      close: () => transport.close(),
    };
  }

  /** The path the last request took, a proxy refusal in force, and what the TLS trusts. */
  get network(): NetworkPath {
    const used = this.#own?.transport.lastUsed ?? null;
    return {
      route: used ? describeRoute({ ...used.route, hops: [used.hop] }) : null,
      proxyRefused: this.#refused,
      trust: this.#own?.trust ?? null,
    };
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

