import type { PeripheralsData } from '@deskside/shared/inventory';

import { buildPowerShellScript, checkListParts, runPowerShellParts } from '../common/powershell-script.js';
import type { CollectContext } from '../types.js';
import { parseWindowsPeripherals } from './parse-windows.js';

export const WINDOWS_PERIPHERALS_SCRIPT = buildPowerShellScript({
  printers: 'Get-CimInstance Win32_Printer | Select-Object Name,DriverName,PortName,Default,PrinterStatus,WorkOffline,Shared,Network',
  usb: "Get-CimInstance Win32_PnPEntity -Filter \"DeviceID LIKE 'USB\\\\%'\" | Select-Object Name,Manufacturer,DeviceID,PNPClass",
});

export async function collectWindowsPeripherals(ctx: CollectContext): Promise<PeripheralsData> {
  const parts = await runPowerShellParts(ctx.system, WINDOWS_PERIPHERALS_SCRIPT, 'peripherals (CIM)');
  return checkListParts(parts, ['printers', 'usb'], parseWindowsPeripherals(parts));
}
