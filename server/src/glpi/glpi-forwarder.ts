import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';

import type { InventoryDocument } from '@deskside/shared';
import { toGlpiInventory, type GlpiInventory } from '@deskside/shared/glpi';

import type { GlpiForwardingConfig } from '../storage/glpi-forwards-repo.js';
import type { Store } from '../storage/store.js';
import { parseJson } from '../storage/values.js';

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

/** GLPI's agent protocol: JSON, or JSON compressed with zlib under its own content type. */
export const GLPI_JSON = 'application/json';
export const GLPI_ZLIB = 'application/x-compress-zlib';

export interface ForwardOptions {
  /** Devices one round sends at most; the rest wait for the next round. */
  readonly batch?: number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** How many devices' inventories GLPI accepted, and how many attempts failed. */
export type ForwardOutcome = Readonly<Record<'glpiSent' | 'glpiFailed', number>>;

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
export async function glpiRequest(document: GlpiInventory, agentId: string, agentVersion: string, config: GlpiForwardingConfig): Promise<{ headers: Record<string, string>; body: Uint8Array }> {
  const json = Buffer.from(JSON.stringify(document));
  const headers: Record<string, string> = {
    'content-type': config.compress ? GLPI_ZLIB : GLPI_JSON,
    'glpi-agent-id': agentId,
    'user-agent': `Deskside-Agent_v${agentVersion}`,
  };
  if (config.username !== null && config.username !== '') {
    headers.authorization = `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}`;
  }
  return { headers, body: config.compress ? await deflateAsync(json) : json };
}

class GlpiAnswerError extends Error {
  constructor(
    message: string,
    /** GLPI or the path to it is down or refuses us as a whole: the other devices would fail the same way. */
    readonly wholeRound: boolean,
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

async function send(config: GlpiForwardingConfig, request: { headers: Record<string, string>; body: Uint8Array }, options: ForwardOptions): Promise<void> {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(config.url ?? '', {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new GlpiAnswerError(`could not reach GLPI: ${cause?.code ?? cause?.message ?? (err as Error).message}`, true);
  }
  const answer = await answerOf(response);
  const said = answer?.message ? `: ${answer.message}` : '';
  if (!response.ok) {
    // A refused document (400) concerns this device; anything else (auth, missing endpoint, GLPI down) all of them.
    throw new GlpiAnswerError(`GLPI answered HTTP ${response.status}${said}`, response.status !== 400);
  }
  if (answer?.status === 'error') throw new GlpiAnswerError(`GLPI refused the inventory${said}`, false);
}

/**
 * One round of forwarding: each device whose stored inventory is newer than what GLPI accepted is sent
 * (oldest first), and marked sent once GLPI says so. A failure costs the device a growing delay; one
 * that says GLPI itself is unreachable or refuses us ends the round, so a dead GLPI is asked once per
 * round rather than once per device. Safe on several instances only under the housekeeping lease.
 */
export async function forwardInventories(store: Store, options: ForwardOptions = {}): Promise<ForwardOutcome> {
  const config = await store.glpi.config();
  if (!config.enabled || config.url === null) return { glpiSent: 0, glpiFailed: 0 };
  let glpiSent = 0;
  let glpiFailed = 0;
  for (const due of await store.glpi.due(options.batch ?? 200)) {
    const stored = await storedDocument(store, due.deviceId);
    if (stored === null) continue;
    const { doc, version } = stored;
    const document = toGlpiInventory(doc, { deviceId: glpiDeviceId(due.deviceId), ...(config.tag !== null ? { tag: config.tag } : {}) });
    try {
      await send(config, await glpiRequest(document, due.deviceId, doc.agentVersion, config), options);
      await store.glpi.sent(due.deviceId, version);
      glpiSent += 1;
    } catch (err) {
      if (!(err instanceof GlpiAnswerError)) throw err;
      await store.glpi.failed(due.deviceId, due.attempts + 1, err.message);
      glpiFailed += 1;
      if (err.wholeRound) break;
    }
  }
  return { glpiSent, glpiFailed };
}
