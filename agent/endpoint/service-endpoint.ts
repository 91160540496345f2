import { createSystemAccess } from '../../collectors/exec/system-access.js';
import { currentPlatform } from '../support/platform.js';
import { AGENT_VERSION } from '../version.js';
import { CallerProof } from './caller-proof.js';
import { EndpointIdentity, endpointKeyPath } from './endpoint-identity.js';
import { claimsDirFor, defaultEndpointPath } from './endpoint-location.js';
import type { FromWorker } from './endpoint-protocol.js';
import { EndpointServer, uploadsDirOf } from './endpoint-server.js';
import { WorkerHost } from './worker-host.js';

export interface ServiceEndpointOptions {
  readonly dataDir: string;
  readonly socket?: string;
  /** argv of `deskside-agent` with its global options, before a command word. */
  readonly command: readonly string[];
  readonly idleMs: number;
  readonly roundFinished: () => Promise<void>;
  readonly log: (line: string) => void;
}

/** The local endpoint of `deskside-agent run`, with the worker that answers it. */
export async function startServiceEndpoint(options: ServiceEndpointOptions) {
  const platform = currentPlatform();
  const path = options.socket ?? defaultEndpointPath(platform);
  const system = createSystemAccess();
  const proof = new CallerProof({ claimsDir: claimsDirFor(path, platform), platform, system });
  const serverRef: { current: EndpointServer | null } = { current: null };
  const worker = new WorkerHost({
    command: options.command,
    idleMs: options.idleMs,
    roundFinished: options.roundFinished,
    onEvent: (event) => serverRef.current?.publish(event),
    log: options.log,
  });
  const server = new EndpointServer({ path, platform, proof, publishIdentity: () => EndpointIdentity.publish(endpointKeyPath(path, platform), platform, system), backend: worker, uploadsDir: uploadsDirOf(options.dataDir), agentVersion: AGENT_VERSION, log: options.log });
  serverRef.current = server;
  await server.listen();
  return {
    worker,
    onRoundMessage: (message: unknown) => {
      const m = message as FromWorker;
      if (m.t === 'event') server.publish({ audience: m.audience, event: m.event });
    },
    async close() {
      await server.close();
      await worker.stop();
    },
  };
}
