import type { StorageData } from '@deskside/shared/inventory';

import { buildPowerShellScript, checkListParts, runPowerShellParts } from '../common/powershell-script.js';
import type { CollectContext } from '../types.js';
import { parseWindowsStorage } from './parse-windows.js';

export const WINDOWS_STORAGE_SCRIPT = buildPowerShellScript({
  disks: 'Get-CimInstance -Namespace root\\Microsoft\\Windows\\Storage MSFT_PhysicalDisk | Select-Object DeviceId,FriendlyName,Model,SerialNumber,Size,MediaType,BusType,HealthStatus',
  // Win32_DiskDrive only when the Storage namespace gave nothing (Windows 7, broken WMI repository).
  diskDrives:
    "if (-not (Get-CimInstance -Namespace root\\Microsoft\\Windows\\Storage MSFT_PhysicalDisk -ErrorAction SilentlyContinue)) { Get-CimInstance Win32_DiskDrive | Select-Object Index,DeviceID,Model,Caption,SerialNumber,Size,InterfaceType,MediaType,Status }",
  volumes: 'Get-CimInstance Win32_LogicalDisk | Select-Object DeviceID,VolumeName,FileSystem,Size,FreeSpace,DriveType',
  env: '[ordered]@{ systemDrive = $env:SystemDrive }',
});

export async function collectWindowsStorage(ctx: CollectContext): Promise<StorageData> {
  const parts = await runPowerShellParts(ctx.system, WINDOWS_STORAGE_SCRIPT, 'storage (CIM)');
  const data = parseWindowsStorage(parts);
  // MSFT_PhysicalDisk failing is fine when the Win32_DiskDrive fallback answered.
  return checkListParts(parts, data.disks.length > 0 ? ['volumes'] : ['disks', 'diskDrives', 'volumes'], data);
}
