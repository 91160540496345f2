import { z } from 'zod';

import { list, maybeText, text, triState } from '../limits.js';

export const PrinterSchema = z.strictObject({
  name: text(),
  driver: maybeText(),
  port: maybeText(1024),
  isDefault: z.boolean(),
  status: maybeText(),
  shared: triState,
  network: triState,
});

export const UsbDeviceSchema = z.strictObject({
  name: text(),
  vendor: maybeText(),
  vendorId: maybeText(16),
  productId: maybeText(16),
  serial: maybeText(),
  deviceClass: maybeText(64),
});

export const PeripheralsDataSchema = z.strictObject({
  printers: list(PrinterSchema, 128),
  usb: list(UsbDeviceSchema, 256),
});
export type PeripheralsData = z.infer<typeof PeripheralsDataSchema>;
