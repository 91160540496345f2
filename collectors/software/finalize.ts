import { LIMITS, type SoftwareData, type SoftwarePackage } from '@deskside/shared/inventory';

const identity = (p: SoftwarePackage): string =>
  [p.source, p.name.toLowerCase(), p.version ?? '', p.arch ?? '', p.installLocation ?? ''].join('\u0000');

// One collator each, built once: localeCompare with options builds a new one on every call, which
// for a sort of a thousand packages was most of this function's time.
const byName = new Intl.Collator('en', { sensitivity: 'base' });
const byDefault = new Intl.Collator();

const clip = (s: string | null, max: number): string | null => (s !== null && s.length > max ? s.slice(0, max) : s);

/** Holds each package to the wire schema's caps, so one odd value is shortened rather than fatal. */
const limited = (p: SoftwarePackage): SoftwarePackage => ({
  ...p,
  name: clip(p.name, 512) ?? p.name,
  version: clip(p.version, 256),
  publisher: clip(p.publisher, 512),
  installDate: clip(p.installDate, 64),
  installLocation: clip(p.installLocation, 1024),
  arch: clip(p.arch, 32),
});

/**
 * Turns the packages every source found into the section: exact duplicates (the same key seen through
 * two registry views, say) collapse, the list is sorted so two runs on an unchanged machine produce the
 * same document, and it is cut at LIMITS.packages with `truncated` set rather than rejected.
 */
export function finalizeSoftware(packages: readonly SoftwarePackage[], limit: number = LIMITS.packages): SoftwareData {
  const unique = new Map<string, SoftwarePackage>();
  for (const p of packages.map(limited)) {
    const key = identity(p);
    if (!unique.has(key)) unique.set(key, p);
  }
  const sorted = [...unique.values()].sort(
    (a, b) => byName.compare(a.name, b.name) || byDefault.compare(a.source, b.source) || byDefault.compare(a.version ?? '', b.version ?? ''),
  );
  return { packages: sorted.slice(0, limit), truncated: sorted.length > limit };
}
