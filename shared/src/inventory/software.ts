import { z } from 'zod';

import { LIMITS, list, maybeCount, maybeText, text } from '../limits.js';

export const SOFTWARE_SOURCES = [
  'registry',
  'registry-user',
  'appx',
  'hotfix',
  'app-bundle',
  'pkgutil',
  'homebrew',
  'dpkg',
  'rpm',
  'flatpak',
  'snap',
] as const;
export const SoftwareSourceSchema = z.enum(SOFTWARE_SOURCES);
export type SoftwareSource = z.infer<typeof SoftwareSourceSchema>;

export const SoftwarePackageSchema = z.strictObject({
  name: text(512),
  version: maybeText(),
  publisher: maybeText(512),
  /** Calendar date (YYYY-MM-DD) or full timestamp, as precise as the source gives. */
  installDate: maybeText(64),
  installLocation: maybeText(1024),
  arch: maybeText(32),
  source: SoftwareSourceSchema,
  sizeBytes: maybeCount,
});
export type SoftwarePackage = z.infer<typeof SoftwarePackageSchema>;

export const SoftwareDataSchema = z.strictObject({
  packages: list(SoftwarePackageSchema, LIMITS.packages),
  /** Set when the list hit LIMITS.packages and the rest was cut. */
  truncated: z.boolean(),
});
export type SoftwareData = z.infer<typeof SoftwareDataSchema>;
