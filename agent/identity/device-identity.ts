import { hostname, networkInterfaces } from 'node:os';

import type { DeviceIdentity } from '@deskside/shared';

/** Values firmware ships when the vendor did not fill the field in: not an identity. */
const PLACEHOLDERS = /^(|-|none|null|n\/a|default string|to be filled by o\.e\.m\.|system serial number|0+|f{8}-f{4}-f{4}-f{4}-f{12}|0{8}-0{4}-0{4}-0{4}-0{12}|03000200-0400-0500-0006-000700080009)$/i;

export function cleanIdentifier(value: string | null | undefined): string | null {
  if (value == null) return null;
  const v = value.trim();
  return PLACEHOLDERS.test(v) ? null : v.slice(0, 256);
}

/** Physical MAC addresses, lower case, without loopback, all-zero and duplicates. */
export function macAddresses(interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces()): string[] {
  const macs = new Set<string>();
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      const mac = info.mac.toLowerCase();
      if (!info.internal && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(mac) && mac !== '00:00:00:00:00:00') macs.add(mac);
    }
  }
  return [...macs].sort().slice(0, 64);
}

/**
 * Who this machine is, for enrollment: the hardware UUID and serial survive a reinstall, so the server
 * maps a re-enrolled agent to the same device. systeminformation reads them from DMI / IOKit / CIM.
 */
export async function readDeviceIdentity(): Promise<DeviceIdentity> {
  let hardwareUuid: string | null = null;
  let serial: string | null = null;
  try {
    const si = await import('systeminformation');
    const sys = await si.system();
    hardwareUuid = cleanIdentifier(sys.uuid);
    serial = cleanIdentifier(sys.serial);
  } catch {
    // unreadable without privileges on some Linux machines: the MACs and host name still identify it
  }
  return { hostname: hostname().slice(0, 256) || 'unknown', hardwareUuid, serial, macs: macAddresses() };
}
