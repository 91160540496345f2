import type { FirewallData } from '@deskside/shared/inventory';

export type FirewallProfile = FirewallData['profiles'][number];
export type FirewallProduct = FirewallData['products'][number];
