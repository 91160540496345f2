import type { Category, InventoryDocument } from '@deskside/shared';

export interface CollectRequest {
  readonly disabledCategories: readonly Category[];
  readonly backupStaleDays: number;
  /** Where collectors keep what only changes with its source files (<data-dir>/cache). */
  readonly cacheDir?: string;
  readonly signal?: AbortSignal;
}

/** Produces a full inventory document (every enabled section); the agent computes the delta. */
export interface InventorySource {
  collect(request: CollectRequest): Promise<InventoryDocument>;
}
