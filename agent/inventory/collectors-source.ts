import type { InventoryDocument } from '@deskside/shared';

import { isAgentService } from '../user-scope/service-account.js';
import type { CollectRequest, InventorySource } from './inventory-source.js';

/** The collectors' runner, loaded on first use so an idle daemon does not carry every collector in memory. */
export const collectorsInventorySource: InventorySource = {
  async collect(request: CollectRequest): Promise<InventoryDocument> {
    const { collectInventory } = await import('../../collectors/runner.js');
    return collectInventory({
      disabled: request.disabledCategories,
      backupStaleDays: request.backupStaleDays,
      ...(request.cacheDir !== undefined ? { cacheDir: request.cacheDir } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      // As the service, per-user parts are left to each user's report (collectUserScope).
      ...(isAgentService() ? { serviceAccount: true } : {}),
    });
  },
};
