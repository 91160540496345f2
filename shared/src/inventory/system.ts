import { z } from 'zod';

import { maybeCount, maybeDateTime, maybeText, text, triState } from '../limits.js';

export const PLATFORMS = ['win32', 'darwin', 'linux'] as const;
export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

export const SystemDataSchema = z.strictObject({
  hostname: text(),
  fqdn: maybeText(),
  /** Active Directory / Kerberos / DNS domain the machine belongs to. */
  domain: maybeText(),
  workgroup: maybeText(),
  os: z.strictObject({
    platform: PlatformSchema,
    name: text(),
    version: maybeText(),
    build: maybeText(),
    kernel: maybeText(),
    arch: text(64),
  }),
  uptimeSeconds: maybeCount,
  bootTime: maybeDateTime,
  timezone: maybeText(),
  locale: maybeText(),
  loggedInUser: maybeText(),
  manufacturer: maybeText(),
  model: maybeText(),
  serial: maybeText(),
  hardwareUuid: maybeText(),
  chassisType: maybeText(64),
  virtualMachine: triState,
  hypervisor: maybeText(),
});
export type SystemData = z.infer<typeof SystemDataSchema>;
