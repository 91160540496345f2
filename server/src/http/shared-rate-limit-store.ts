import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

import type { Clock } from '../storage/clock.js';
import type { LoginThrottleRepo } from '../storage/login-throttle-repo.js';

/**
 * Counts @fastify/rate-limit's per-route windows (enrollment, device-key challenges and recoveries,
 * console sign-ins per client IP) in the database instead of each process's memory, so several
 * instances or workers enforce one limit between them instead of one each. Each request is one atomic
 * upsert on the shared fixed-window counters that sign-in throttling already uses (keys here start with
 * `rate:`, the route and the client key), and housekeeping purges ended windows with the rest.
 */
export function sharedRateLimitStore(counters: LoginThrottleRepo, clock: Clock): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore {
    constructor(private readonly namespace = 'rate:') {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = clock();
      counters.reserve(`${this.namespace}${key}`, now, timeWindow).then(
        ({ attempts, windowStart }) => callback(null, { current: attempts, ttl: Math.max(0, windowStart + timeWindow - now) }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    /**
     * The plugin asks for one store per limited route: each gets its own keys. (Its type declarations
     * say the argument is the route; at run time it is the merged limit options, the route under `routeInfo`.)
     */
    child(options: object): FastifyRateLimitStore {
      const route = (options as { readonly routeInfo?: { readonly method?: string | readonly string[]; readonly url?: string } }).routeInfo ?? {};
      const method = Array.isArray(route.method) ? route.method.join(',') : (route.method ?? '');
      if (route.url === undefined) throw new Error('a shared rate limit needs a route to count for');
      return new SharedRateLimitStore(`rate:${method} ${route.url}\n`) as unknown as FastifyRateLimitStore;
    }
  }
  // The plugin constructs the store itself, with its own options, which this store does not need.
  return SharedRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
