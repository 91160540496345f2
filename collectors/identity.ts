import type { DeviceIdentity, Sections } from '@deskside/shared/inventory';

export interface InterfaceMac {
  readonly mac: string;
  readonly internal: boolean;
}

const ZERO_MAC = '00:00:00:00:00:00';

/**
 * Who the machine is. Hardware UUID and serial come from the system section (stable across OS
 * reinstalls); MACs from the network section when it ran, else from the OS's interface list.
 */
export function buildDeviceIdentity(sections: Sections, fallbackHostname: string, osInterfaces: readonly InterfaceMac[]): DeviceIdentity {
  const system = sections.system?.data ?? null;
  const fromNetwork = sections.network?.data?.interfaces
    .filter((i) => i.kind !== 'loopback' && i.kind !== 'virtual' && i.mac !== null)
    .map((i) => i.mac as string);
  const fromOs = osInterfaces.filter((i) => !i.internal).map((i) => i.mac.toLowerCase());
  const macs = [...new Set((fromNetwork && fromNetwork.length > 0 ? fromNetwork : fromOs).filter((m) => m !== ZERO_MAC && isMac(m)))]
    .sort()
    .slice(0, 64);
  return {
    hostname: (system?.hostname ?? fallbackHostname) || 'unknown',
    hardwareUuid: system?.hardwareUuid ?? null,
    serial: system?.serial ?? null,
    macs,
  };
}

function isMac(value: string): boolean {
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(value);
}
