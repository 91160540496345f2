import type { NetworkData } from '@deskside/shared/inventory';

/** One default route with a next hop, as every OS's route parser reports it. */
export type Gateway = NetworkData['defaultGateways'][number];
