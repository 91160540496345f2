import type { SystemData } from '@deskside/shared/inventory';

import { normalizeArch } from '../common/arch.js';
import { parseWindowsDate } from '../common/dates.js';
import { chassisFromSmbios } from '../common/smbios.js';
import { asArray, asObject, bool, count, num, str, upper } from '../common/values.js';
import { detectVirtualization } from '../common/virtualization.js';

/** What the Windows system script prints, one key per CIM query (see win32.ts). */
export interface WindowsSystemInput {
  readonly parts: Readonly<Record<string, unknown>>;
  readonly now: Date;
  readonly timezone: string | null;
}

/**
 * Windows system facts from CIM. Localized values (Caption "Microsoft Windows 11 Professionnel",
 * OSArchitecture "64 bits") are kept as the OS names them or avoided in favour of codes.
 */
export function parseWindowsSystem({ parts, now, timezone }: WindowsSystemInput): SystemData {
  const cs = asObject(parts.cs) ?? {};
  const os = asObject(parts.os) ?? {};
  const bios = asObject(parts.bios) ?? {};
  const product = asObject(parts.product) ?? {};
  const cv = asObject(parts.cv) ?? {};
  const env = asObject(parts.env) ?? {};
  const enclosures = asArray(parts.enclosure);

  const hostname = str(cs.DNSHostName) ?? str(cs.Name) ?? str(env.hostname);
  if (hostname === null) throw new Error('Win32_ComputerSystem gave no computer name');
  const partOfDomain = bool(cs.PartOfDomain);
  const domainName = str(env.domainName) ?? (partOfDomain ? str(cs.Domain) : null);

  const build = str(cv.CurrentBuild) ?? str(os.BuildNumber);
  const ubr = count(cv.UBR);
  const caption = str(os.Caption)?.replace(/^Microsoft\s+/i, '') ?? null;
  // The registry's ProductName still says "Windows 10" on Windows 11; the build number does not lie.
  const name = caption ?? fixProductName(str(cv.ProductName), build) ?? 'Windows';

  const bootTime = parseWindowsDate(os.LastBootUpTime);
  const uptimeSeconds = bootTime ? Math.max(0, Math.round((now.getTime() - Date.parse(bootTime)) / 1000)) : null;

  const manufacturer = str(cs.Manufacturer) ?? str(product.Vendor);
  const model = str(cs.Model) ?? str(product.Name);
  const chassisCodes = enclosures.flatMap((e) => (Array.isArray(e.ChassisTypes) ? e.ChassisTypes : [e.ChassisTypes]));
  const chassisType = chassisCodes.map((c) => chassisFromSmbios(num(c))).find((c) => c !== null) ?? null;
  const virt = detectVirtualization(manufacturer, model, str(bios.Manufacturer), str(bios.SMBIOSBIOSVersion), str(bios.Version));

  return {
    hostname,
    fqdn: domainName && !hostname.includes('.') ? `${hostname}.${domainName}`.toLowerCase() : hostname.includes('.') ? hostname.toLowerCase() : null,
    domain: partOfDomain === true ? (str(cs.Domain) ?? domainName) : null,
    workgroup: partOfDomain === false ? (str(cs.Workgroup) ?? str(cs.Domain)) : null,
    os: {
      platform: 'win32',
      name,
      version: str(cv.DisplayVersion) ?? str(cv.ReleaseId),
      build: build ? (ubr !== null ? `${build}.${ubr}` : build) : null,
      kernel: str(os.Version),
      arch: normalizeArch(str(env.osArch)) ?? normalizeArch(str(env.arch6432) ?? str(env.arch)) ?? archFromText(str(os.OSArchitecture)) ?? 'unknown',
    },
    uptimeSeconds,
    bootTime,
    timezone,
    locale: str(env.culture),
    loggedInUser: str(cs.UserName),
    manufacturer,
    model,
    serial: str(bios.SerialNumber) ?? str(product.IdentifyingNumber),
    hardwareUuid: validUuid(str(product.UUID)),
    chassisType: virt.virtualMachine ? 'virtual' : chassisType,
    virtualMachine: virt.virtualMachine,
    hypervisor: virt.hypervisor,
  };
}

function fixProductName(name: string | null, build: string | null): string | null {
  if (name === null) return null;
  return Number(build) >= 22000 ? name.replace(/Windows 10/, 'Windows 11') : name;
}

/** "64 bits", "64-Bit", "64 位", "32-bit": the digits survive localization. */
function archFromText(text: string | null): string | null {
  if (text === null) return null;
  if (/arm\s*64/i.test(text)) return 'arm64';
  if (/64/.test(text)) return 'x64';
  if (/32/.test(text)) return 'x86';
  return null;
}

/** SMBIOS leaves all-F or all-0 UUIDs on boards that never got one. */
function validUuid(uuid: string | null): string | null {
  if (uuid === null) return null;
  if (/^[0F-]+$/i.test(uuid) || /^[0-]+$/.test(uuid)) return null;
  return upper(uuid);
}
