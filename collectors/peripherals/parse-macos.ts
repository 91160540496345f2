import type { PeripheralsData } from '@deskside/shared/inventory';

import { asArray, bool, rawText, str, type JsonObject } from '../common/values.js';
import { redactUri } from './parse-linux.js';
import { usbId } from './usb-classes.js';

export function parseMacPrinters(value: unknown): PeripheralsData['printers'] {
  return asArray(value)
    .slice(0, 128)
    .flatMap((p) => {
      const name = rawText(p._name);
      if (name === null) return [];
      const uri = str(p.uri, 1024);
      return [
        {
          name,
          driver: str(p.ppd) ?? str(p.driverversion),
          port: uri ? redactUri(uri) : null,
          isDefault: bool(p.default) === true,
          status: str(p.status),
          shared: bool(p.shared),
          network: uri === null ? null : /^(ipp|ipps|http|https|socket|lpd|dnssd|smb|mdns):/i.test(uri) ? true : /^usb:/i.test(uri) ? false : null,
        },
      ];
    });
}

/** "0x05ac (Apple Inc.)" carries the vendor's name in parentheses. */
function vendorName(device: JsonObject): string | null {
  const fromId = /\((.+)\)\s*$/.exec(String(device.vendor_id ?? ''))?.[1];
  return str(device.manufacturer) ?? str(device.USBDeviceKeyVendorName) ?? str(fromId);
}

/**
 * SPUSBDataType (macOS ≤ 14) and SPUSBHostDataType (macOS 15+) are trees: buses hold hubs hold
 * devices. Every node with a vendor and product ID is a device; the buses themselves have none.
 */
export function parseMacUsb(root: Readonly<Record<string, unknown>>): PeripheralsData['usb'] {
  const out: PeripheralsData['usb'] = [];
  const walk = (nodes: readonly JsonObject[]): void => {
    for (const node of nodes) {
      const vendorId = usbId(node.vendor_id ?? node.USBDeviceKeyVendorID);
      const productId = usbId(node.product_id ?? node.USBDeviceKeyProductID);
      const name = rawText(node._name) ?? rawText(node.USBDeviceKeyProductName);
      if (vendorId !== null && name !== null && out.length < 256) {
        out.push({
          name,
          vendor: vendorName(node),
          vendorId,
          productId,
          serial: str(node.serial_num) ?? str(node.USBDeviceKeySerialNumber),
          deviceClass: null,
        });
      }
      walk(asArray(node._items));
    }
  };
  walk([...asArray(root.SPUSBDataType), ...asArray(root.SPUSBHostDataType)]);
  return out;
}

export function parseMacPeripherals(profiler: unknown): PeripheralsData {
  const root = (profiler ?? {}) as Record<string, unknown>;
  return { printers: parseMacPrinters(root.SPPrintersDataType), usb: parseMacUsb(root) };
}
