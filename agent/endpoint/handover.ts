import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { CredentialStore } from '../host.js';
import { Outbox } from '../outbox/outbox.js';
import { writeJsonFile } from '../support/json-file.js';
import type { EndpointClient } from './endpoint-client.js';

export interface HandoverResult {
  /** Tickets and replies now in the service's outbox. */
  readonly handedOver: readonly string[];
  /** Inventories left behind: the service collects its own. */
  readonly dropped: number;
}

const MARKER = 'handed-over.json';

/** True once this embedded agent's folder gave its queue and identity to the service. */
export async function wasHandedOver(embeddedDataDir: string): Promise<boolean> {
  return access(join(embeddedDataDir, MARKER)).then(
    () => true,
    () => false,
  );
}

/**
 * When a service appears on a machine where the tray ran its own agent: the tray's queued tickets and
 * replies move to the service's outbox under their own ids (the server keeps one copy whoever sends
 * it), each removed here only once the service has it; then the tray drops its credential, so the
 * machine has one identity from now on. Safe to run again after a crash: what is left is sent again.
 */
export async function handOverQueue(options: {
  readonly embeddedDataDir: string;
  readonly client: EndpointClient;
  readonly credentials?: CredentialStore;
}): Promise<HandoverResult> {
  const outbox = await Outbox.open(join(options.embeddedDataDir, 'outbox'));
  const handedOver: string[] = [];
  let dropped = 0;
  for (const item of await outbox.list()) {
    // Inventories and requested diagnostics are the device's, not a user's: the service makes its own
    // (the server hands a diagnostics request over again until it is answered).
    if (item.kind === 'inventory' || item.kind === 'diagnostics') {
      await outbox.remove(item.id);
      dropped += 1;
      continue;
    }
    const attachments = [];
    for (const a of item.attachments) {
      const bytes = await readFile(outbox.attachmentPath(a.file));
      attachments.push({ upload: await options.client.upload(bytes), field: a.field, name: a.name, type: a.type });
    }
    const body = (await outbox.readBody(item)).toString('utf8');
    const { accepted } = await options.client.call<{ accepted: string[] }>('handover', {
      items: [{ id: item.id, kind: item.kind, label: item.label, body, attachments, ...(item.ticketId ? { ticketId: item.ticketId } : {}) }],
    });
    if (!accepted.includes(item.id)) throw new Error(`the service did not take queued item ${item.id}`);
    await outbox.remove(item.id);
    handedOver.push(item.id);
  }
  await options.credentials?.clear();
  await writeJsonFile(join(options.embeddedDataDir, MARKER), { at: new Date().toISOString(), endpoint: options.client.path, items: handedOver });
  return { handedOver, dropped };
}
