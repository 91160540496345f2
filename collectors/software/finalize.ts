import { LIMITS, type SoftwareData, type SoftwarePackage } from '@deskside/shared';

const identity = (p: SoftwarePackage): string =>
  [p.source, p.name.toLowerCase(), p.version ?? '', p.arch ?? '', p.installLocation ?? ''].join('\u0000');

/**
 * Turns the packages every source found into the section: exact duplicates (the same key seen through
 * two registry views, say) collapse, the list is sorted so two runs on an unchanged machine produce the
 * same document, and it is cut at LIMITS.packages with `truncated` set rather than rejected.
 */
export function finalizeSoftware(packages: readonly SoftwarePackage[], limit: number = LIMITS.packages): SoftwareData {
  const unique = new Map<string, SoftwarePackage>();
  for (const p of packages) if (!unique.has(identity(p))) unique.set(identity(p), p);
  const sorted = [...unique.values()].sort(
    (a, b) =>
      a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
      a.source.localeCompare(b.source) ||
      (a.version ?? '').localeCompare(b.version ?? ''),
  );
  return { packages: sorted.slice(0, limit), truncated: sorted.length > limit };
}
