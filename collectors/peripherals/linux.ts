import type { PeripheralsData } from '@deskside/shared/inventory';

import { readOptional } from '../common/files.js';
import type { CollectContext } from '../types.js';
import { CommandNotFoundError, SectionError } from '../types.js';
import { parseLpstat, parseSysfsUsb, type SysfsUsbDevice } from './parse-linux.js';
import { lookupUsbIds } from './parse-usb-ids.js';

const USB_ROOT = '/sys/bus/usb/devices';
const USB_IDS = ['/usr/share/misc/usb.ids', '/usr/share/hwdata/usb.ids', '/var/lib/usbutils/usb.ids'];

async function usbDevices(ctx: CollectContext): Promise<PeripheralsData['usb']> {
  let entries: string[];
  try {
    entries = await ctx.system.listDirectory(USB_ROOT);
  } catch {
    return []; // No USB bus in this machine (containers, some VMs).
  }
  // "1-1.2" is a device; "1-1.2:1.0" is one of its interfaces.
  const devices = await Promise.all(
    entries
      .filter((e) => !e.includes(':'))
      .sort()
      .map(async (entry): Promise<SysfsUsbDevice> => {
        const read = async (name: string) => (await readOptional(ctx.system, `${USB_ROOT}/${entry}/${name}`))?.trim() ?? null;
        const [idVendor, idProduct, manufacturer, product, serial, bDeviceClass] = await Promise.all(
          ['idVendor', 'idProduct', 'manufacturer', 'product', 'serial', 'bDeviceClass'].map(read),
        );
        return { idVendor: idVendor ?? null, idProduct: idProduct ?? null, manufacturer: manufacturer ?? null, product: product ?? null, serial: serial ?? null, bDeviceClass: bDeviceClass ?? null };
      }),
  );
  const unnamed = new Set(devices.filter((d) => d.idVendor && (!d.manufacturer || !d.product)).map((d) => d.idVendor as string));
  let names = new Map<string, { vendor: string; products: Map<string, string> }>();
  if (unnamed.size > 0) {
    for (const path of USB_IDS) {
      const text = await readOptional(ctx.system, path);
      if (text) {
        names = lookupUsbIds(text, unnamed);
        break;
      }
    }
  }
  return parseSysfsUsb(devices, names);
}

export async function collectLinuxPeripherals(ctx: CollectContext): Promise<PeripheralsData> {
  const usb = await usbDevices(ctx);
  let lpstat;
  try {
    lpstat = await ctx.system.run('lpstat', ['-d', '-v', '-p'], { env: { LC_ALL: 'C' } });
  } catch (error) {
    // No CUPS client installed: this machine has no print system, hence no printers.
    if (error instanceof CommandNotFoundError) return { printers: [], usb };
    throw error;
  }
  // lpstat cannot reach cupsd: printers are unknown, which is not the same as "none".
  if (/scheduler is not running|unable to connect|connection refused|bad file descriptor/i.test(lpstat.stderr)) {
    throw new SectionError('error', 'the CUPS scheduler is not running: printers are unknown', undefined, { printers: [], usb });
  }
  return { printers: parseLpstat(lpstat.stdout), usb };
}
