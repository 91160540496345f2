/**
 * Third-party endpoint-protection services, for machines without Security Center (Windows Server) where
 * the service list is the only local trace of a non-Microsoft antivirus. Names are the documented
 * service names each vendor installs; `Get-Service -Name` takes them as wildcards.
 */
export interface KnownService {
  readonly pattern: string;
  readonly product: string;
  readonly vendor: string;
}

export const THIRD_PARTY_AV_SERVICES: readonly KnownService[] = [
  { pattern: 'SentinelAgent', product: 'SentinelOne', vendor: 'SentinelOne' },
  { pattern: 'CSFalconService', product: 'CrowdStrike Falcon', vendor: 'CrowdStrike' },
  { pattern: 'cyserver', product: 'Cortex XDR', vendor: 'Palo Alto Networks' },
  { pattern: 'CbDefense', product: 'Carbon Black Cloud', vendor: 'VMware' },
  { pattern: 'SepMasterService', product: 'Symantec Endpoint Protection', vendor: 'Broadcom' },
  { pattern: 'Sophos MCS Agent', product: 'Sophos Endpoint', vendor: 'Sophos' },
  { pattern: 'SAVService', product: 'Sophos Anti-Virus', vendor: 'Sophos' },
  { pattern: 'ekrn', product: 'ESET Endpoint Security', vendor: 'ESET' },
  { pattern: 'mfemms', product: 'Trellix Endpoint Security', vendor: 'Trellix' },
  { pattern: 'ntrtscan', product: 'Trend Micro Apex One', vendor: 'Trend Micro' },
  { pattern: 'KAVFS', product: 'Kaspersky Security for Windows Server', vendor: 'Kaspersky' },
  { pattern: 'AVP*', product: 'Kaspersky Endpoint Security', vendor: 'Kaspersky' },
  { pattern: 'EPSecurityService', product: 'Bitdefender Endpoint Security Tools', vendor: 'Bitdefender' },
  { pattern: 'WRSVC', product: 'Webroot SecureAnywhere', vendor: 'OpenText' },
  { pattern: 'CylanceSvc', product: 'Cylance PROTECT', vendor: 'Arctic Wolf' },
  { pattern: 'MBEndpointAgent', product: 'Malwarebytes Endpoint Agent', vendor: 'Malwarebytes' },
  { pattern: 'AvastSvc', product: 'Avast Antivirus', vendor: 'Gen Digital' },
];

/** The catalog entry a service name belongs to (patterns may end in `*`). */
export function knownServiceFor(serviceName: string): KnownService | null {
  const name = serviceName.toLowerCase();
  for (const entry of THIRD_PARTY_AV_SERVICES) {
    const pattern = entry.pattern.toLowerCase();
    if (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern) return entry;
  }
  return null;
}
