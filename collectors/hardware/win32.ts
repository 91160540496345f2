import type { HardwareData } from '@deskside/shared/inventory';

import { buildPowerShellScript, checkListParts, psIsoDate, runPowerShellParts } from '../common/powershell-script.js';
import type { CollectContext } from '../types.js';
import { parseWindowsHardware } from './parse-windows.js';

const GPU_CLASS = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e968-e325-11ce-bfc1-08002be10318}\\0*';

export const WINDOWS_HARDWARE_SCRIPT = buildPowerShellScript({
  cpu: 'Get-CimInstance Win32_Processor | Select-Object Name,Manufacturer,NumberOfCores,NumberOfLogicalProcessors,MaxClockSpeed,SocketDesignation',
  cs: 'Get-CimInstance Win32_ComputerSystem | Select-Object TotalPhysicalMemory',
  mem: 'Get-CimInstance Win32_PhysicalMemory | Select-Object BankLabel,DeviceLocator,Capacity,SMBIOSMemoryType,MemoryType,Speed,ConfiguredClockSpeed,Manufacturer,PartNumber,SerialNumber',
  bios: `Get-CimInstance Win32_BIOS | Select-Object Manufacturer,SMBIOSBIOSVersion,Version,${psIsoDate('ReleaseDate')}`,
  board: 'Get-CimInstance Win32_BaseBoard | Select-Object Manufacturer,Product,Version,SerialNumber',
  gpu: 'Get-CimInstance Win32_VideoController | Select-Object Name,AdapterCompatibility,AdapterRAM,DriverVersion,CurrentHorizontalResolution,CurrentVerticalResolution',
  gpuMem: `Get-ItemProperty '${GPU_CLASS}' -ErrorAction SilentlyContinue | Select-Object DriverDesc,'HardwareInformation.qwMemorySize'`,
  monitors: 'Get-CimInstance -Namespace root\\wmi WmiMonitorID | Select-Object InstanceName,ManufacturerName,UserFriendlyName,SerialNumberID,ProductCodeID',
  monitorParams: 'Get-CimInstance -Namespace root\\wmi WmiMonitorBasicDisplayParams | Select-Object InstanceName,MaxHorizontalImageSize,MaxVerticalImageSize',
  monitorConn: 'Get-CimInstance -Namespace root\\wmi WmiMonitorConnectionParams | Select-Object InstanceName,VideoOutputTechnology',
  // Each monitor's preferred (native) mode; CIM has no per-monitor current mode.
  monitorModes:
    'Get-CimInstance -Namespace root\\wmi WmiMonitorListedSupportedSourceModes | ForEach-Object { $m = $_.MonitorSourceModes[$_.PreferredMonitorSourceModeIndex]; [ordered]@{ InstanceName = $_.InstanceName; Width = $m.HorizontalActivePixels; Height = $m.VerticalActivePixels } }',
  battery: 'Get-CimInstance Win32_Battery | Select-Object DeviceID,Name,EstimatedChargeRemaining,BatteryStatus,DesignCapacity,FullChargeCapacity',
  batteryStatic: 'Get-CimInstance -Namespace root\\wmi BatteryStaticData | Select-Object InstanceName,DesignedCapacity,ManufactureName,DeviceName',
  batteryFull: 'Get-CimInstance -Namespace root\\wmi BatteryFullChargedCapacity | Select-Object InstanceName,FullChargedCapacity',
  batteryCycle: 'Get-CimInstance -Namespace root\\wmi BatteryCycleCount | Select-Object InstanceName,CycleCount',
  // root\wmi battery classes are refused on some OEM drivers; powercfg's report needs no elevation.
  batteryReport:
    "if ((Get-CimInstance Win32_Battery) -and -not (Get-CimInstance -Namespace root\\wmi BatteryStaticData -ErrorAction SilentlyContinue)) { $f = Join-Path $env:TEMP ('deskside-battery-' + [guid]::NewGuid().ToString() + '.xml'); try { powercfg.exe /batteryreport /xml /output $f | Out-Null; Get-Content -Raw -Encoding UTF8 -LiteralPath $f } finally { Remove-Item -LiteralPath $f -ErrorAction SilentlyContinue } }",
  // PEFirmwareType: 1 legacy BIOS, 2 UEFI (Windows 8 and later), readable without elevation.
  env: "[ordered]@{ firmwareType = $env:firmware_type; peFirmwareType = (Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control' -ErrorAction SilentlyContinue).PEFirmwareType }",
});

export async function collectWindowsHardware(ctx: CollectContext): Promise<HardwareData> {
  const parts = await runPowerShellParts(ctx.system, WINDOWS_HARDWARE_SCRIPT, 'hardware (CIM)', 45_000);
  return checkListParts(parts, ['cpu', 'mem', 'gpu', 'monitors', 'battery'], parseWindowsHardware(parts));
}
