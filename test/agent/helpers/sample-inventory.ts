import type { InventoryDocument } from '@deskside/shared';

import type { CollectRequest, InventorySource } from '../../../agent/inventory/inventory-source.js';
import { sampleInventory } from '../../shared/samples.js';

/** An InventorySource returning the shared sample, with a hook to change it between runs. */
export function fakeInventorySource(mutate: (doc: InventoryDocument, run: number) => InventoryDocument = (d) => d): InventorySource & { runs: number; requests: CollectRequest[] } {
  const source = {
    runs: 0,
    requests: [] as CollectRequest[],
    async collect(request: CollectRequest) {
      source.runs += 1;
      source.requests.push(request);
      return mutate(structuredClone(sampleInventory()), source.runs);
    },
  };
  return source;
}
