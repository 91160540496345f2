/**
 * One vocabulary for the CPU's maker across OSes: Windows (Win32_Processor.Manufacturer) and Linux
 * (/proc/cpuinfo vendor_id) give the CPUID vendor string, "GenuineIntel"/"AuthenticAMD", where macOS
 * and the technicians say "Intel"/"AMD". Unknown strings pass through unchanged.
 */
const CPUID_VENDORS: Readonly<Record<string, string>> = {
  genuineintel: 'Intel',
  authenticamd: 'AMD',
  // Early AMD K5 engineering samples.
  'amdisbetter!': 'AMD',
  centaurhauls: 'Centaur',
  '  shanghai  ': 'Zhaoxin',
  hygongenuine: 'Hygon',
  cyrixinstead: 'Cyrix',
  geode_by_nsc: 'National Semiconductor',
  genuinetmx86: 'Transmeta',
  transmetacpu: 'Transmeta',
  'riseriserise': 'Rise',
  'vortex86 soc': 'Vortex',
  'via via via ': 'VIA',
};

/** Makers' long names as firmware and drivers write them. */
const LONG_NAMES: readonly (readonly [RegExp, string])[] = [
  [/^intel(?:\(r\))?(?:\s+corp(?:oration|\.)?)?$/iu, 'Intel'],
  [/^advanced micro devices(?:,?\s+inc\.?)?$/iu, 'AMD'],
];

export function cpuVendorName(raw: string | null): string | null {
  if (raw === null) return null;
  const cpuid = CPUID_VENDORS[raw.toLowerCase()];
  if (cpuid !== undefined) return cpuid;
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const trimmedCpuid = CPUID_VENDORS[trimmed.toLowerCase()];
  if (trimmedCpuid !== undefined) return trimmedCpuid;
  for (const [pattern, name] of LONG_NAMES) if (pattern.test(trimmed)) return name;
  return trimmed;
}
