import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { OutboxItemSummary } from '../agent-types.js';
import { isAtomicTempFile, writeFileAtomic } from '../support/atomic-write.js';
import type { OutboxItem, OutboxKind } from './outbox-item.js';
import { OutboxItemSchema } from './outbox-item.js';

export interface EnqueueAttachment {
  readonly field: string;
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
}

export interface EnqueueInput {
  readonly id: string;
  readonly kind: OutboxKind;
  readonly label: string;
  readonly body: Uint8Array | string;
  readonly attachments?: readonly EnqueueAttachment[];
  readonly ticketId?: string;
  readonly inventory?: OutboxItem['inventory'];
}

export interface OutboxCaps {
  readonly maxBytes: number;
  readonly maxAgeMs: number;
}

export class OutboxFullError extends Error {
  constructor(needed: number, maxBytes: number) {
    super(
      `The upload queue is full (${Math.round(maxBytes / 1048576)} MiB cap; this item needs ${Math.ceil(needed / 1024)} KiB). ` +
        'Nothing was lost: deliver or remove queued items (deskside-agent status) and try again.',
    );
    this.name = 'OutboxFullError';
  }
}

const META = '.json';

/**
 * The durable outbox: one folder, one metadata file per item plus its payload files. Payloads are
 * written first and the metadata last, each atomically, so after a crash an item is either whole or
 * absent; orphans and temp files are swept on open. An item leaves only when the server acknowledged it.
 */
export class Outbox {
  private constructor(
    readonly dir: string,
    private readonly now: () => Date,
  ) {}

  static async open(dir: string, now: () => Date = () => new Date()): Promise<Outbox> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const outbox = new Outbox(dir, now);
    await outbox.sweep();
    return outbox;
  }

  /** Remove temp files of interrupted writes and payloads whose metadata never landed. */
  private async sweep(): Promise<void> {
    const names = await readdir(this.dir);
    const owners = new Set(names.filter((n) => n.endsWith(META) && !isAtomicTempFile(n)).map((n) => n.slice(0, -META.length)));
    for (const name of names) {
      if (isAtomicTempFile(name)) await rm(join(this.dir, name), { force: true });
      else if (!name.endsWith(META) && !owners.has(name.split('.')[0] ?? '')) await rm(join(this.dir, name), { force: true });
    }
  }

  async list(): Promise<OutboxItem[]> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith(META) && !isAtomicTempFile(n));
    const items: OutboxItem[] = [];
    for (const name of names) {
      const item = await this.read(join(this.dir, name));
      if (item) items.push(item);
    }
    return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<OutboxItem | null> {
    return this.read(this.metaPath(id));
  }

  private async read(path: string): Promise<OutboxItem | null> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      return OutboxItemSchema.parse(JSON.parse(text));
    } catch {
      // A metadata file is written atomically, so this is outside damage: keep the bytes for a human
      // rather than silently drop them, and stop treating it as an item.
      await writeFileAtomic(`${path}.damaged`, text);
      await rm(path, { force: true });
      return null;
    }
  }

  async totalBytes(): Promise<number> {
    return (await this.list()).reduce((n, i) => n + i.bytes, 0);
  }

  /**
   * Queue an item. When the queue would exceed its size cap, older inventories go first (a newer one
   * supersedes them); tickets and comments are never dropped to make room, the caller gets
   * OutboxFullError and keeps the user's text.
   */
  async enqueue(input: EnqueueInput, caps: OutboxCaps): Promise<{ item: OutboxItem; warnings: string[] }> {
    const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
    const size = body.byteLength + (input.attachments ?? []).reduce((n, a) => n + a.bytes.byteLength, 0);
    const warnings: string[] = [];
    const items = await this.list();
    let total = items.reduce((n, i) => n + i.bytes, 0);
    for (const old of items.filter((i) => i.kind === 'inventory')) {
      if (total + size <= caps.maxBytes) break;
      await this.remove(old.id);
      total -= old.bytes;
      warnings.push(`upload queue over its size cap: dropped queued inventory ${old.id} (a newer one replaces it)`);
    }
    if (total + size > caps.maxBytes) throw new OutboxFullError(size, caps.maxBytes);

    const bodyFile = `${input.id}.body`;
    await writeFileAtomic(join(this.dir, bodyFile), body);
    const attachments: OutboxItem['attachments'] = [];
    for (const [i, a] of (input.attachments ?? []).entries()) {
      const file = `${input.id}.att${i}`;
      await writeFileAtomic(join(this.dir, file), a.bytes);
      attachments.push({ file, field: a.field, name: a.name, type: a.type, size: a.bytes.byteLength });
    }
    const item: OutboxItem = {
      v: 1,
      id: input.id,
      kind: input.kind,
      label: input.label,
      createdAt: this.now().toISOString(),
      attempts: 0,
      nextAttemptAt: null,
      notBefore: null,
      lastError: null,
      failed: null,
      bytes: size,
      body: bodyFile,
      attachments,
      ...(input.ticketId ? { ticketId: input.ticketId } : {}),
      ...(input.inventory ? { inventory: input.inventory } : {}),
    };
    await this.save(item);
    return { item, warnings };
  }

  async save(item: OutboxItem): Promise<void> {
    await writeFileAtomic(this.metaPath(item.id), JSON.stringify(item));
  }

  /** Save retry bookkeeping only if the item is still queued (it may have been delivered or removed meanwhile). */
  async update(item: OutboxItem): Promise<boolean> {
    if ((await this.get(item.id)) === null) return false;
    await this.save(item);
    return true;
  }

  async readBody(item: OutboxItem): Promise<Buffer> {
    return readFile(join(this.dir, item.body));
  }

  attachmentPath(file: string): string {
    return join(this.dir, file);
  }

  /** Acknowledged (or given up on by the user): metadata first, so a crash here leaves only orphans. */
  async remove(id: string): Promise<void> {
    await rm(this.metaPath(id), { force: true });
    for (const name of await readdir(this.dir)) if (name.startsWith(`${id}.`)) await rm(join(this.dir, name), { force: true });
  }

  /**
   * Age cap: an inventory older than the cap is stale and dropped; a ticket or comment is marked
   * failed and kept (the user's words are never deleted behind their back). Returns warnings to show.
   */
  async enforceAge(maxAgeMs: number): Promise<string[]> {
    const warnings: string[] = [];
    const now = this.now();
    for (const item of await this.list()) {
      const age = now.getTime() - Date.parse(item.createdAt);
      if (age <= maxAgeMs) continue;
      if (item.kind === 'inventory') {
        await this.remove(item.id);
        warnings.push(`dropped inventory ${item.id}: undelivered for more than ${Math.round(maxAgeMs / 86_400_000)} days`);
      } else if (item.failed === null) {
        await this.save({ ...item, failed: { status: null, message: `not delivered within ${Math.round(maxAgeMs / 86_400_000)} days`, at: now.toISOString() } });
        warnings.push(`${item.label}: not delivered within ${Math.round(maxAgeMs / 86_400_000)} days; kept, retry it with "deskside-agent sync --retry-failed"`);
      }
    }
    return warnings;
  }

  async diskBytes(): Promise<number> {
    let n = 0;
    for (const name of await readdir(this.dir)) n += (await stat(join(this.dir, name)).catch(() => ({ size: 0 }))).size;
    return n;
  }

  private metaPath(id: string): string {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`invalid outbox item id ${id}`);
    return join(this.dir, `${id}${META}`);
  }
}

export function summarize(item: OutboxItem): OutboxItemSummary {
  return {
    id: item.id,
    kind: item.kind,
    label: item.label,
    createdAt: item.createdAt,
    attempts: item.attempts,
    nextAttemptAt: item.nextAttemptAt,
    bytes: item.bytes,
    failed: item.failed ? { status: item.failed.status, message: item.failed.message } : null,
    lastError: item.lastError,
  };
}
