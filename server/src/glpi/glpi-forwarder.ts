import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';

import type { InventoryDocument } from '@deskside/shared';
import { toGlpiInventory, type GlpiInventory } from '@deskside/shared/glpi';
import { z } from 'zod';

import { OutboundError, defineHandler, type OutboundHandler } from '../outbound/job.js';
import { GLPI_INVENTORY_KIND, type GlpiForwardingConfig } from '../storage/glpi-forwards-repo.js';
import type { Store } from '../storage/store.js';
import { parseJson } from '../storage/values.js';

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

/** GLPI's agent protocol: JSON, or JSON compressed with zlib under its own content type. */
export const GLPI_JSON = 'application/json';
export const GLPI_ZLIB = 'application/x-compress-zlib';

export interface SendOptions {
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** How GLPI names a Deskside device: stable for the device's life, whatever its hostname becomes. */
export const glpiDeviceId = (deviceId: string): string => `deskside-${deviceId}`;

/**
 * The stored inventory of a device as the document the mapper reads, with its version (received_at:
 * an upload that landed since the round began is what gets sent, and what is marked sent), or null.
 */
async function storedDocument(store: Store, deviceId: string): Promise<{ doc: InventoryDocument; version: number } | null> {
  const [device, stored] = await Promise.all([store.devices.row(deviceId), store.inventory.latest(deviceId)]);
  if (device === null || stored === null) return null;
  const doc: InventoryDocument = {
    schemaVersion: 1,
    kind: 'full',
    agentVersion: stored.agentVersion,
    collectedAt: new Date(stored.collectedAt).toISOString(),
    device: { hostname: device.hostname, hardwareUuid: device.hardware_uuid, serial: device.serial, macs: parseJson<string[]>(device.macs) },
    sections: stored.sections,
  };
  return { doc, version: stored.receivedAt };
}

/** The request GLPI's native inventory endpoint expects from an agent. */
export async function glpiRequest(document: GlpiInventory, agentId: string, agentVersion: string, config: GlpiForwardingConfig): Promise<{ headers: Record<string, string>; body: Uint8Array<ArrayBuffer> }> {
  const json = Buffer.from(JSON.stringify(document));
  const headers: Record<string, string> = {
    'content-type': config.compress ? GLPI_ZLIB : GLPI_JSON,
    'glpi-agent-id': agentId,
    'user-agent': `Deskside-Agent_v${agentVersion}`,
  };
  if (config.username !== null && config.username !== '') {
    headers.authorization = `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}`;
  }
  // A plain ArrayBuffer-backed copy: what fetch's body type accepts everywhere (Node and DOM typings).
  return { headers, body: new Uint8Array(config.compress ? await deflateAsync(json) : json) };
}

class GlpiAnswerError extends Error {
  constructor(
    message: string,
    /** GLPI or the path to it is down or refuses us as a whole: trying again later can help. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** GLPI's JSON answer (`{"status":"ok"}` or `{"status":"error","message":…}`), compressed like the request or not. */
async function answerOf(response: Response): Promise<{ status?: string; message?: string } | null> {
  const raw = Buffer.from(await response.arrayBuffer());
  try {
    const text = (response.headers.get('content-type') ?? '').includes('x-compress-zlib') ? (await inflateAsync(raw)).toString('utf8') : raw.toString('utf8');
    return JSON.parse(text) as { status?: string; message?: string };
  } catch {
    return null;
  }
}

/** Posts one inventory; answers GLPI's reply for the job's record, or throws a GlpiAnswerError. */
async function send(config: GlpiForwardingConfig, request: { headers: Record<string, string>; body: Uint8Array<ArrayBuffer> }, options: SendOptions & { signal: AbortSignal }): Promise<string> {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(config.url ?? '', {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'error',
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 30_000)]),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new GlpiAnswerError(`could not reach GLPI: ${cause?.code ?? cause?.message ?? (err as Error).message}`, true);
  }
  const answer = await answerOf(response);
  const said = answer?.message ? `: ${answer.message}` : '';
  if (!response.ok) {
    // GLPI refusing the document (400) would refuse it again; anything else (auth, endpoint, GLPI down) may pass later.
    throw new GlpiAnswerError(`GLPI answered HTTP ${response.status}${said}`, response.status !== 400);
  }
  if (answer?.status === 'error') throw new GlpiAnswerError(`GLPI refused the inventory${said}`, false);
  return `HTTP ${response.status}${answer?.status ? ` ${answer.status}` : ''}`;
}

const GlpiForwardPayloadSchema = z.strictObject({
  deviceId: z.string().min(1).max(64),
  /** The stored inventory's received_at when the job was enqueued. */
  version: z.number().int().nonnegative(),
});
export type GlpiForwardPayload = z.infer<typeof GlpiForwardPayloadSchema>;

/**
 * Queues the device's newly stored inventory for GLPI when forwarding is on: one job per stored
 * version (the dedupe key), so a replayed upload queues nothing.
 */
export async function queueGlpiForward(store: Store, deviceId: string, version: number): Promise<void> {
  const config = await store.glpi.config();
  if (!config.enabled || config.url === null) return;
  await store.outbound.enqueue(store.handle.db, { kind: GLPI_INVENTORY_KIND, payload: { deviceId, version } satisfies GlpiForwardPayload, dedupeKey: `${GLPI_INVENTORY_KIND}:${deviceId}:${version}` });
}

/**
 * The outbound handler that sends one device's inventory to GLPI. Only the newest version is sent: a
 * job whose inventory was replaced meanwhile is done without a request (the newer one has its own job),
 * so GLPI never gets the same version twice from the queue, and a burst of uploads costs one send.
 * GLPI refusing the document (400) is permanent; anything else (down, unreachable, authentication) is
 * retried with the queue's backoff, for days: a GLPI down over a weekend loses nothing.
 */
export function glpiInventoryHandler(store: Store, options: SendOptions = {}): OutboundHandler<GlpiForwardPayload> {
  return defineHandler({
    kind: GLPI_INVENTORY_KIND,
    payload: GlpiForwardPayloadSchema,
    maxAttempts: 1_000,
    async send(payload, attempt) {
      const config = await store.glpi.config();
      if (!config.enabled || config.url === null) return { response: 'not sent: forwarding to GLPI is switched off' };
      const stored = await storedDocument(store, payload.deviceId);
      if (stored === null) return { response: 'not sent: the device or its inventory is gone' };
      if (stored.version > payload.version) return { response: 'not sent: a newer inventory replaced it' };
      const { doc } = stored;
      const document = toGlpiInventory(doc, { deviceId: glpiDeviceId(payload.deviceId), ...(config.tag !== null ? { tag: config.tag } : {}) });
      try {
        const response = await send(config, await glpiRequest(document, payload.deviceId, doc.agentVersion, config), { ...options, signal: attempt.signal });
        await store.glpi.recordSuccess();
        return { response };
      } catch (err) {
        if (!(err instanceof GlpiAnswerError)) throw err;
        await store.glpi.recordFailure(err.message);
        throw new OutboundError(err.message, { permanent: !err.retryable, response: err.message });
      }
    },
  });
}
