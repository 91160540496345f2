import type { InventoryDocument } from '@deskside/shared';
import { InventoryDocumentSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { compactInventoryJson } from '../../collectors/compact-json.js';
import { collectInventory } from '../../collectors/runner.js';
import type { Collector } from '../../collectors/types.js';
import { createFakeSystem } from './fake-system.js';

const software: Collector<'software'> = {
  category: 'software',
  platforms: ['linux'],
  collect: async () => ({
    packages: [
      { name: 'adduser', version: '3.134', publisher: 'Debian Adduser Developers', installDate: null, installLocation: null, arch: 'all', source: 'dpkg' },
      { name: 'Firefox', version: null, publisher: null, installDate: '2026-01-02', installLocation: 'C:\\Program Files\\Mozilla Firefox', arch: null, source: 'registry' },
      { name: 'zero', version: '0', publisher: '', installDate: null, installLocation: null, arch: null, source: 'snap' },
    ],
    truncated: false,
  }),
};

async function document(): Promise<InventoryDocument> {
  return collectInventory({ platform: 'linux', system: createFakeSystem({}), collectors: [software], only: ['software'], now: () => new Date('2026-11-29T10:00:00Z') });
}

describe('compactInventoryJson', () => {
  it('leaves out unknown package values and parses back to exactly the same document', async () => {
    const doc = await document();
    const text = compactInventoryJson(doc);
    expect(text).not.toContain('"installLocation":null');
    expect(text).not.toContain('\n');
    // Falsy values that are known (0, empty, "0") are kept.
    expect(text).toContain('"publisher":""');
    expect(text).toContain('"version":"0"');
    const parsed = InventoryDocumentSchema.parse(JSON.parse(text));
    expect(parsed).toEqual(doc);
    expect(text.length).toBeLessThan(JSON.stringify(doc).length);
  });

  it('is plain JSON of the document when there is no software section', async () => {
    const doc = await collectInventory({ platform: 'linux', system: createFakeSystem({}), collectors: [], only: ['users'], now: () => new Date('2026-11-29T10:00:00Z') });
    expect(compactInventoryJson(doc)).toBe(JSON.stringify(doc));
  });

  it.runIf(process.platform === 'linux')('round-trips this machine\'s real software list', async () => {
    const doc = await collectInventory({ only: ['software'] });
    expect(InventoryDocumentSchema.parse(JSON.parse(compactInventoryJson(doc)))).toEqual(doc);
  });
});
