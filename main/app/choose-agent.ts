import { access } from 'node:fs/promises';
import { join } from 'node:path';

import type { Platform } from '@deskside/shared';

import type { Agent, AgentOptions } from '../../agent/agent-types.js';
import { handOverQueue, wasHandedOver } from '../../agent/endpoint/handover.js';
import type { ServiceAgent } from '../../agent/endpoint/service-agent.js';
import { connectToService } from '../../agent/endpoint/service-agent.js';
import type { CredentialStore, Logger } from '../../agent/host.js';

export type ChosenAgent =
  | { readonly mode: 'service'; readonly agent: ServiceAgent }
  | { readonly mode: 'embedded'; readonly agent: Agent };

export interface ChooseAgentOptions {
  readonly endpoint: string;
  readonly platform: Platform;
  /** The tray's own agent folder, used only when no service answers. */
  readonly embeddedDataDir: string;
  readonly embeddedCredentials: CredentialStore;
  readonly createEmbedded: (options: AgentOptions) => Promise<Agent>;
  readonly embeddedOptions: Omit<AgentOptions, 'dataDir' | 'credentialStore'>;
  readonly log: Logger;
}

/**
 * One device, one identity: when the machine's agent service answers, the tray is its client and holds
 * no enrollment or queue of its own; whatever its own agent queued before the service existed moves
 * over first. Without a service (a per-user install) the tray runs the agent itself, as before.
 */
export async function chooseAgent(options: ChooseAgentOptions): Promise<ChosenAgent> {
  const service = await connectToService(options.endpoint, options.platform);
  if (service) {
    await handOverIfNeeded(service, options);
    return { mode: 'service', agent: service };
  }
  const agent = await options.createEmbedded({ ...options.embeddedOptions, dataDir: options.embeddedDataDir, credentialStore: options.embeddedCredentials });
  return { mode: 'embedded', agent };
}

async function handOverIfNeeded(service: ServiceAgent, options: ChooseAgentOptions): Promise<void> {
  const hasOwnAgent = await access(join(options.embeddedDataDir, 'outbox')).then(
    () => true,
    () => false,
  );
  if (!hasOwnAgent || (await wasHandedOver(options.embeddedDataDir))) return;
  try {
    const result = await handOverQueue({ embeddedDataDir: options.embeddedDataDir, client: service.client, credentials: options.embeddedCredentials });
    options.log.info('handed the tray agent over to the Deskside service', { items: result.handedOver.length, inventoriesDropped: result.dropped });
  } catch (error) {
    // Nothing is lost: what was not taken stays queued here and goes over at the next start.
    options.log.warn('could not hand the queued items over to the Deskside service yet', { error: String(error) });
  }
}

/**
 * While the tray is the service's client, it reports this user's own sections (their proxy, OneDrive,
 * File History, Déjà Dup) a minute after start and then every `everyMs`, for the service's inventories.
 */
export function reportUserScopePeriodically(agent: ServiceAgent, options: { readonly firstAfterMs: number; readonly everyMs: number; readonly log: Logger }): () => void {
  const report = () =>
    void agent.reportUserScope().then(
      (r) => (r.stored ? undefined : options.log.info('user-scope report not kept by the service', { reason: r.reason })),
      (error: unknown) => options.log.warn('could not report this user’s own sections to the service', { error: String(error) }),
    );
  const first = setTimeout(report, options.firstAfterMs);
  const every = setInterval(report, options.everyMs);
  first.unref?.();
  every.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}

/** Calls `onAppeared` once a service answers at the endpoint (checked every `everyMs`); returns a stop function. */
export function watchForService(options: { readonly endpoint: string; readonly platform: Platform; readonly everyMs: number; readonly onAppeared: () => void }): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    void connectToService(options.endpoint, options.platform).then((service) => {
      if (!service || stopped) return;
      stopped = true;
      clearInterval(timer);
      options.onAppeared();
    });
  }, options.everyMs);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
