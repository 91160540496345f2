import type { PeripheralsData } from '@deskside/shared/inventory';

import { asArray, bool, num, rawText, str } from '../common/values.js';
import { redactUri } from './parse-linux.js';

/** Win32_Printer.PrinterStatus (CIM): the same numbers whatever the Windows language. */
function printerStatus(code: number | null, offline: boolean | null): string | null {
  if (offline === true) return 'offline';
  switch (code) {
    case 3:
      return 'idle';
    case 4:
      return 'printing';
    case 5:
      return 'warming-up';
    case 6:
      return 'stopped';
    case 7:
      return 'offline';
    default:
      return null;
  }
}

const NETWORK_PORTS = /^(IP_|WSD|http|https|\\\\|TCPMON|LPR|\d+\.\d+\.\d+\.\d+)/i;
const LOCAL_PORTS = /^(USB\d|LPT\d|COM\d|FILE:|PORTPROMPT:|nul:|SHRFAX:|XPS|PDF)/i;

export function parseWindowsPrinters(value: unknown): PeripheralsData['printers'] {
  return asArray(value)
    .slice(0, 128)
    .flatMap((p) => {
      const name = rawText(p.Name);
      if (name === null) return [];
      const port = str(p.PortName, 1024);
      return [
        {
          name,
          driver: str(p.DriverName),
          port: port ? redactUri(port) : null,
          isDefault: bool(p.Default) === true,
          status: printerStatus(num(p.PrinterStatus), bool(p.WorkOffline)),
          shared: bool(p.Shared),
          network: bool(p.Network) === true || (port !== null && NETWORK_PORTS.test(port)) ? true : port !== null && LOCAL_PORTS.test(port) ? false : bool(p.Network),
        },
      ];
    });
}

/**
 * USB devices from Win32_PnPEntity. Device IDs look like USB\VID_046D&PID_C52B\5&2A3F…; entries with
 * &MI_ are interfaces of a composite device and ROOT_HUB entries are controllers, both left out.
 */
export function parseWindowsUsb(value: unknown): PeripheralsData['usb'] {
  return asArray(value)
    .flatMap((d) => {
      const id = str(d.DeviceID, 1024) ?? '';
      const m = /^USB\\VID_([0-9A-F]{4})&PID_([0-9A-F]{4})(&[^\\]*)?\\(.*)$/i.exec(id);
      if (!m || /&MI_/i.test(m[3] ?? '')) return [];
      const instance = m[4] ?? '';
      const name = rawText(d.Name) ?? `USB device ${m[1]?.toLowerCase()}:${m[2]?.toLowerCase()}`;
      return [
        {
          name,
          vendor: str(d.Manufacturer),
          vendorId: m[1]?.toLowerCase() ?? null,
          productId: m[2]?.toLowerCase() ?? null,
          // Windows makes up instance IDs containing "&" for devices without a serial number.
          serial: instance !== '' && !instance.includes('&') ? instance : null,
          deviceClass: str(d.PNPClass, 64),
        },
      ];
    })
    .slice(0, 256);
}

export function parseWindowsPeripherals(parts: Readonly<Record<string, unknown>>): PeripheralsData {
  return { printers: parseWindowsPrinters(parts.printers), usb: parseWindowsUsb(parts.usb) };
}
