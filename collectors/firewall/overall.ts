import type { FirewallProduct, FirewallProfile } from './types.js';

/**
 * The overall answer: on when a third-party firewall says it filters or every profile is on; off when
 * any profile is off and nothing else filters; unknown otherwise. Unknown is never rounded to off.
 */
export function overallEnabled(profiles: readonly FirewallProfile[], products: readonly FirewallProduct[]): boolean | null {
  if (products.some((p) => p.enabled === true)) return true;
  if (profiles.length === 0) return products.length > 0 && products.every((p) => p.enabled === false) ? false : null;
  if (profiles.some((p) => p.enabled === false)) return false;
  return profiles.every((p) => p.enabled === true) ? true : null;
}
