import { z } from 'zod';

import { LIMITS, list, maybeText, text } from '../limits.js';

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

/**
 * What a technician reads of an installed package: name, version, publisher, install date and
 * location, architecture, and where it was found. Installed sizes are not carried: no screen shows
 * them, and on a Linux desktop they were a sixth of a full inventory's compressed size.
 *
 * A package's unknown values may be left out on the wire (the compact form: hundreds of packages
 * repeating `"installLocation":null` cost bytes and say nothing); parsing gives them back as null.
 */
export const SoftwarePackageSchema = z.strictObject({
  name: text(512),
  version: maybeText().default(null),
  publisher: maybeText(512).default(null),
  /** Calendar date (YYYY-MM-DD) or full timestamp, as precise as the source gives. */
  installDate: maybeText(64).default(null),
  installLocation: maybeText(1024).default(null),
  arch: maybeText(32).default(null),
  source: SoftwareSourceSchema,
});
export type SoftwarePackage = z.infer<typeof SoftwarePackageSchema>;

export const SoftwareDataSchema = z.strictObject({
  packages: list(SoftwarePackageSchema, LIMITS.packages),
  /** Set when the list hit LIMITS.packages and the rest was cut. */
  truncated: z.boolean(),
});
export type SoftwareData = z.infer<typeof SoftwareDataSchema>;
