import type { PeripheralsData } from '@deskside/shared/inventory';

import { rawText, str } from '../common/values.js';
import { usbClassName, usbId } from './usb-classes.js';

type Printer = PeripheralsData['printers'][number];
type Usb = PeripheralsData['usb'][number];

const NETWORK_SCHEMES = /^(ipp|ipps|http|https|socket|lpd|smb|dnssd|implicitclass):/i;
const LOCAL_SCHEMES = /^(usb|parallel|serial|hp|file|cups-pdf):/i;

/**
 * `lpstat -d -v -p` in the C locale:
 *   system default destination: Office
 *   device for Office: ipp://10.0.0.5/ipp/print
 *   printer Office is idle.  enabled since Sat 29 Nov 2026 08:00:00 AM UTC
 *   printer Label disabled since Fri 28 Nov 2026 …
 */
export function parseLpstat(text: string): Printer[] {
  let defaultName: string | null = null;
  const uris = new Map<string, string>();
  const states = new Map<string, string>();
  const order: string[] = [];
  const seen = (name: string): void => {
    if (!order.includes(name)) order.push(name);
  };
  for (const line of text.split(/\r?\n/)) {
    const def = /^system default destination:\s*(.+)$/.exec(line);
    if (def?.[1]) defaultName = def[1].trim();
    const dev = /^device for (.+?):\s*(.+)$/.exec(line);
    if (dev?.[1] && dev[2]) {
      uris.set(dev[1], dev[2].trim());
      seen(dev[1]);
    }
    const state = /^printer (\S+) (?:is (idle)|(now printing)|(disabled))/.exec(line);
    if (state?.[1]) {
      states.set(state[1], state[2] ?? (state[3] ? 'printing' : 'disabled'));
      seen(state[1]);
    }
  }
  return order.slice(0, 128).map((name) => {
    const uri = uris.get(name) ?? null;
    return {
      name,
      driver: null,
      port: uri ? redactUri(uri) : null,
      isDefault: name === defaultName,
      status: states.get(name) ?? null,
      shared: null,
      network: uri === null ? null : NETWORK_SCHEMES.test(uri) ? true : LOCAL_SCHEMES.test(uri) ? false : null,
    };
  });
}

/** Printer URIs can embed credentials (smb://user:password@host/queue); they never leave the machine. */
export function redactUri(uri: string): string {
  // Greedy up to the last @ before the path: passwords may contain @ themselves.
  return uri.replace(/^([a-z][\w+.-]*:\/\/)[^/\s]*@/i, '$1***@').slice(0, 1024);
}

export interface SysfsUsbDevice {
  readonly idVendor: string | null;
  readonly idProduct: string | null;
  readonly manufacturer: string | null;
  readonly product: string | null;
  readonly serial: string | null;
  readonly bDeviceClass: string | null;
}

/** Devices under /sys/bus/usb/devices, root hubs (Linux Foundation, 1d6b) left out. */
export function parseSysfsUsb(
  devices: readonly SysfsUsbDevice[],
  names: ReadonlyMap<string, { vendor: string; products: ReadonlyMap<string, string> }> = new Map(),
): Usb[] {
  return devices
    .filter((d) => usbId(d.idVendor) !== null && usbId(d.idVendor) !== '1d6b')
    .slice(0, 256)
    .map((d) => {
      const vendorId = usbId(d.idVendor);
      const productId = usbId(d.idProduct);
      const known = vendorId ? names.get(vendorId) : undefined;
      const vendor = str(d.manufacturer) ?? known?.vendor ?? null;
      const product = rawText(d.product) ?? (productId ? known?.products.get(productId) : undefined) ?? null;
      const classCode = d.bDeviceClass ? parseInt(d.bDeviceClass, 16) : NaN;
      return {
        name: product ?? `USB device ${vendorId}:${productId ?? '????'}`,
        vendor,
        vendorId,
        productId,
        serial: str(d.serial),
        deviceClass: usbClassName(Number.isNaN(classCode) ? null : classCode),
      };
    });
}
