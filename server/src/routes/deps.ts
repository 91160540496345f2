import type { BlobStore } from '../attachments/blob-store.js';
import type { Limits, RateLimits } from '../config.js';
import type { Metrics } from '../ops/metrics.js';
import type { Store } from '../storage/store.js';

/** What every route plugin is given; nothing is reached through globals. */
export interface RouteDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly metrics: Metrics;
  readonly limits: Limits;
  readonly rateLimits: RateLimits;
  /** Origins the console is served from besides the request's own (DESKSIDE_PUBLIC_URL). */
  readonly publicOrigins?: readonly string[];
}

/** Registration options carry `prefix`; passing them on to children would prefix twice. */
export function depsOf(options: RouteDeps & { prefix?: string }): RouteDeps {
  return {
    store: options.store,
    blobs: options.blobs,
    metrics: options.metrics,
    limits: options.limits,
    rateLimits: options.rateLimits,
    ...(options.publicOrigins ? { publicOrigins: options.publicOrigins } : {}),
  };
}
