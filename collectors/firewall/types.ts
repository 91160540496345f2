import type { FirewallData } from '@deskside/shared';

export type FirewallProfile = FirewallData['profiles'][number];
export type FirewallProduct = FirewallData['products'][number];
