import type * as FsPromises from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createAgent, TicketNotSavedError } from '../../../agent/agent.js';
import { OutOfSpaceError, writeFileAtomic } from '../../../agent/support/atomic-write.js';
import { withTempDir } from '../helpers/temp-dir.js';

const diskFull = { on: false };

// Simulate a full disk: every write through a file handle fails with ENOSPC while the switch is on.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      if (!diskFull.on) return handle;
      return new Proxy(handle, {
        get(target, prop, receiver) {
          if (prop === 'writeFile') return async () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
});

describe('a full disk', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  beforeEach(async () => {
    tmp = await withTempDir();
  });
  afterEach(async () => {
    diskFull.on = false;
    await tmp.cleanup();
  });

  it('writeFileAtomic reports OutOfSpaceError and leaves no temp file', async () => {
    diskFull.on = true;
    await expect(writeFileAtomic(join(tmp.dir, 'x.json'), 'data')).rejects.toBeInstanceOf(OutOfSpaceError);
    expect(await readdir(tmp.dir)).toEqual([]);
  });

  it('a ticket that cannot be saved gives a clear error and hands back the user\'s text', async () => {
    const agent = await createAgent({ dataDir: join(tmp.dir, 'data'), policy: { description: 'none', read: async () => ({}) } });
    diskFull.on = true;
    const draft = { subject: 'Écran noir', description: 'Long text the user must not lose.\n'.repeat(50), diagnostics: false as const };
    const error = await agent.submitTicket(draft).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketNotSavedError);
    expect((error as TicketNotSavedError).message).toMatch(/Your ticket was not saved: The disk holding .* is full/);
    expect((error as TicketNotSavedError).draft.description).toBe(draft.description);
    diskFull.on = false;
    expect((await agent.status()).outbox).toEqual([]);
    await agent.stop();
  });
});
