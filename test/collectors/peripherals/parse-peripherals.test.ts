import { PeripheralsDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { parseLpstat, parseSysfsUsb, redactUri } from '../../../collectors/peripherals/parse-linux.js';
import { parseMacPeripherals } from '../../../collectors/peripherals/parse-macos.js';
import { lookupUsbIds } from '../../../collectors/peripherals/parse-usb-ids.js';
import { parseWindowsPeripherals } from '../../../collectors/peripherals/parse-windows.js';
import { readFixture, readJsonFixture } from '../fake-system.js';

describe('Windows peripherals', () => {
  it('reads printers by CIM codes and USB devices, hiding interfaces, hubs and port credentials', () => {
    const data = parseWindowsPeripherals(readJsonFixture('windows/peripherals/cim-peripherals-office.json'));
    expect(data.printers).toEqual([
      { name: 'Imprimante Étage 3', driver: 'HP Universal Printing PCL 6', port: 'IP_10.20.3.15', isDefault: true, status: 'idle', shared: false, network: true },
      { name: '\\\\print01.corp.example\\Compta-Couleur', driver: 'Canon Generic Plus PCL6', port: '\\\\print01.corp.example\\Compta-Couleur', isDefault: false, status: 'offline', shared: false, network: true },
      { name: 'Microsoft Print to PDF', driver: 'Microsoft Print To PDF', port: 'PORTPROMPT:', isDefault: false, status: 'idle', shared: false, network: false },
      { name: 'Étiquettes Zebra', driver: 'ZDesigner ZD421-203dpi ZPL', port: 'USB001', isDefault: false, status: 'offline', shared: true, network: false },
      { name: 'Scan-to-mail', driver: 'Generic', port: 'http://***@10.0.0.9:631/ipp/print', isDefault: false, status: 'printing', shared: false, network: true },
    ]);
    expect(data.usb).toEqual([
      { name: 'Logitech USB Receiver', vendor: 'Logitech', vendorId: '046d', productId: 'c52b', serial: null, deviceClass: 'USB' },
      { name: 'YubiKey OTP+FIDO+CCID', vendor: 'Yubico', vendorId: '1050', productId: '0407', serial: null, deviceClass: 'USB' },
      { name: 'Kingston DataTraveler 3.0', vendor: 'Compatible USB storage device', vendorId: '0951', productId: '1666', serial: 'E0D55EA574B6F540', deviceClass: 'USB' },
    ]);
    expect(PeripheralsDataSchema.safeParse(data).success).toBe(true);
  });
});

describe('macOS peripherals', () => {
  it('reads CUPS printers and the USB tree (hubs included, buses not)', () => {
    const data = parseMacPeripherals(readJsonFixture('macos/peripherals/system_profiler-printers-usb-sonoma.json'));
    expect(data.printers.map((p) => [p.name, p.isDefault, p.status, p.shared, p.network, p.port])).toEqual([
      ['Brother HL-L2350DW', true, 'idle', false, true, 'ipp://BRW1234.local.:631/ipp/print'],
      ['Bureau_Ricoh', false, 'stopped', true, true, 'smb://***@srv-print/Ricoh'],
      ['DYMO LabelWriter 450', false, 'idle', false, false, 'usb://DYMO/LabelWriter%20450?serial=01010112345600'],
    ]);
    expect(data.usb).toEqual([
      { name: 'USB2.0 Hub', vendor: 'SMSC', vendorId: '0424', productId: '2514', serial: null, deviceClass: null },
      { name: 'Clavier Magic Keyboard', vendor: 'Apple Inc.', vendorId: '05ac', productId: '029c', serial: 'F0T1234ABCD', deviceClass: null },
      { name: 'USB Receiver', vendor: 'Logitech', vendorId: '046d', productId: 'c52b', serial: null, deviceClass: null },
    ]);
    expect(PeripheralsDataSchema.safeParse(data).success).toBe(true);
  });

  it('reads the macOS 15 SPUSBHostDataType form', () => {
    expect(parseMacPeripherals(readJsonFixture('macos/peripherals/system_profiler-usbhost-sequoia.json')).usb).toEqual([
      { name: 'YubiKey OTP+FIDO+CCID', vendor: 'Yubico', vendorId: '1050', productId: '0407', serial: null, deviceClass: null },
    ]);
  });
});

describe('Linux peripherals', () => {
  it('reads lpstat in the C locale, with the default, states and redacted URIs', () => {
    expect(parseLpstat(readFixture('linux/peripherals/lpstat-d-v-p-three.txt'))).toEqual([
      { name: 'Bureau', driver: null, port: 'ipp://10.0.0.12/ipp/print', isDefault: true, status: 'idle', shared: null, network: true },
      { name: 'Etiquettes', driver: null, port: 'usb://Zebra%20Technologies/ZTC%20ZD421-203dpi%20ZPL?serial=D4J123456789', isDefault: false, status: 'disabled', shared: null, network: false },
      { name: 'Compta', driver: null, port: 'smb://***@fileserver/Compta', isDefault: false, status: 'printing', shared: null, network: true },
    ]);
    expect(parseLpstat(readFixture('linux/peripherals/lpstat-d-v-p-none.txt'))).toEqual([]);
  });

  it('names sysfs USB devices from usb.ids when the device gives no strings, root hubs left out', () => {
    const names = lookupUsbIds(readFixture('linux/peripherals/usb-ids-excerpt.txt'), new Set(['046d', '1050']));
    const usb = parseSysfsUsb(
      [
        { idVendor: '1d6b', idProduct: '0002', manufacturer: 'Linux 6.8.0 xhci-hcd', product: 'xHCI Host Controller', serial: '0000:00:14.0', bDeviceClass: '09' },
        { idVendor: '046d', idProduct: 'c52b', manufacturer: null, product: null, serial: null, bDeviceClass: '00' },
        { idVendor: '1050', idProduct: '0407', manufacturer: 'Yubico', product: 'YubiKey OTP+FIDO+CCID', serial: null, bDeviceClass: '00' },
        { idVendor: 'abcd', idProduct: '1234', manufacturer: null, product: null, serial: 'XYZ', bDeviceClass: 'e0' },
      ],
      names,
    );
    expect(usb).toEqual([
      { name: 'Unifying Receiver', vendor: 'Logitech, Inc.', vendorId: '046d', productId: 'c52b', serial: null, deviceClass: null },
      { name: 'YubiKey OTP+FIDO+CCID', vendor: 'Yubico', vendorId: '1050', productId: '0407', serial: null, deviceClass: null },
      { name: 'USB device abcd:1234', vendor: null, vendorId: 'abcd', productId: '1234', serial: 'XYZ', deviceClass: 'wireless' },
    ]);
  });

  it('redacts credentials in printer URIs and leaves others alone', () => {
    expect(redactUri('ipps://user:pa@ss@host/queue')).toBe('ipps://***@host/queue');
    expect(redactUri('ipp://host/queue?x=a@b')).toBe('ipp://host/queue?x=a@b');
    expect(redactUri('ipp://host/queue')).toBe('ipp://host/queue');
  });
});
