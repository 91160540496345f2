import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { OutboxItemSummary } from '../agent-types.js';
import { isAtomicTempFile, writeFileAtomic } from '../support/atomic-write.js';
import { tryLock } from '../support/process-lock.js';
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
const ITEM_ID = /^[0-9a-f-]{36}$/i;
/** Held (pid + start time) while an item's files are written, so another process's sweep leaves them alone. */
const WRITING = '.writing';
/** Damaged metadata and its payloads go here for a human; the sweep never looks inside. */
export const QUARANTINE = 'quarantine';

/** A temp file beside existing metadata is a save in flight unless it is this old (a save takes milliseconds). */
const STALE_TEMP_MS = 10 * 60_000;

/** The item id a file in the outbox folder belongs to (temp files start with a dot). */
const ownerOf = (name: string): string => (name.startsWith('.') ? name.slice(1) : name).split('.')[0] ?? '';

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

  /**
   * Remove what interrupted writes left: temp files and payloads whose metadata never landed. Another
   * agent process (the daemon's round beside a `ticket` command) may be writing an item right now, so
   * files of an item whose writer lock is held by a live process are left alone, and a temp file of an
   * item that has metadata (a bookkeeping save in flight) is left for its writer.
   */
  private async sweep(): Promise<void> {
    const names = await readdir(this.dir);
    const owners = new Set(names.filter((n) => n.endsWith(META) && !isAtomicTempFile(n)).map((n) => n.slice(0, -META.length)));
    const olderThan = async (name: string, ms: number): Promise<boolean> => {
      const info = await stat(join(this.dir, name)).catch(() => null);
      return info !== null && Date.now() - info.mtimeMs > ms;
    };
    const orphans = new Map<string, string[]>();
    for (const name of names) {
      if (name === QUARANTINE || (name.endsWith(META) && !isAtomicTempFile(name))) continue;
      const id = ownerOf(name);
      // A writer lock beside metadata goes with its item; without metadata it is swept like a payload
      // (only once taking it over shows its writer is gone).
      if (name.endsWith(WRITING) && owners.has(id)) continue;
      // A lock's own temp file is linked into place a moment later by the process that wrote it.
      const lockTemp = /\.(new|stale)$/.test(name);
      if ((owners.has(id) || lockTemp) && !((isAtomicTempFile(name) || lockTemp) && (await olderThan(name, STALE_TEMP_MS)))) continue;
      orphans.set(id, [...(orphans.get(id) ?? []), name]);
    }
    for (const [id, files] of orphans) {
      if (!ITEM_ID.test(id)) {
        // Not an item's file at all (no writer ever locks it): nothing can be lost by removing it.
        for (const name of files) await rm(join(this.dir, name), { force: true });
        continue;
      }
      // Taking the item's writer lock is the liveness check (it fails only while a live writer holds
      // it) and, held while we remove, stops a writer from starting on this id meanwhile.
      const release = await tryLock(join(this.dir, `${id}${WRITING}`));
      if (!release) continue;
      try {
        // The writer may have finished between our listing and our lock: its metadata is there now.
        if (!owners.has(id) && (await stat(this.metaPath(id)).catch(() => null)) !== null) continue;
        for (const name of files) await rm(join(this.dir, name), { force: true });
      } finally {
        await release();
      }
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
      await this.quarantine(path, text);
      return null;
    }
  }

  /**
   * Move a damaged metadata file (as `<id>.json.damaged`) and its payloads into the quarantine folder,
   * where no sweep removes them: a human decides what they were.
   */
  private async quarantine(metaPath: string, text: string): Promise<void> {
    const folder = join(this.dir, QUARANTINE);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const id = ownerOf(metaPath.slice(this.dir.length + 1));
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    await writeFileAtomic(join(folder, `${id}${META}.damaged-${stamp}`), text);
    await rm(metaPath, { force: true });
    for (const name of await readdir(this.dir)) {
      if (name.startsWith(`${id}.`) && !name.endsWith(META)) await rename(join(this.dir, name), join(folder, `${name}-${stamp}`)).catch(() => undefined);
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

    // Held until the metadata lands: another process opening the outbox meanwhile must not sweep
    // these payloads as orphans.
    this.metaPath(input.id); // validates the id before it names any file
    const writerLock = join(this.dir, `${input.id}${WRITING}`);
    const release = await tryLock(writerLock);
    if (!release) throw new Error(`outbox item ${input.id} is being written by another process`);
    try {
      return await this.write(input, body, size, warnings);
    } finally {
      await release();
    }
  }

  private async write(input: EnqueueInput, body: Uint8Array, size: number, warnings: string[]): Promise<{ item: OutboxItem; warnings: string[] }> {
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
    for (const name of await readdir(this.dir)) if (name !== QUARANTINE && ownerOf(name) === id) await rm(join(this.dir, name), { force: true });
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
    if (!ITEM_ID.test(id)) throw new Error(`invalid outbox item id ${id}`);
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
