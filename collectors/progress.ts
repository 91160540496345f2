import type { Category, SectionStatus } from '@deskside/shared/inventory';

/** What the runner reports while it works, for the tray UI and the CLI's progress line. */
export type InventoryProgressEvent =
  | { readonly type: 'started'; readonly category: Category }
  | { readonly type: 'finished'; readonly category: Category; readonly status: SectionStatus; readonly durationMs: number };

export type ProgressListener = (event: InventoryProgressEvent) => void;
