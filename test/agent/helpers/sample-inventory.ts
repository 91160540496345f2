import type { InventoryDocument } from '@deskside/shared';

import type { InventorySource } from '../../../agent/inventory/inventory-source.js';
import { sampleInventory } from '../../shared/samples.js';

/** An InventorySource returning the shared sample, with a hook to change it between runs. */
export function fakeInventorySource(mutate: (doc: InventoryDocument, run: number) => InventoryDocument = (d) => d): InventorySource & { runs: number } {
  const source = {
    runs: 0,
    async collect() {
      source.runs += 1;
      return mutate(structuredClone(sampleInventory()), source.runs);
    },
  };
  return source;
}
