import { z } from 'zod';

import { isoDateTime, list, macAddress, maybeText, text } from '../limits.js';
import { HardwareDataSchema } from './hardware.js';
import { NetworkDataSchema } from './network.js';
import { PeripheralsDataSchema } from './peripherals.js';
import {
  AntivirusDataSchema,
  BackupDataSchema,
  EncryptionDataSchema,
  FirewallDataSchema,
  UpdatesDataSchema,
} from './protection.js';
import { section } from './section.js';
import { SoftwareDataSchema } from './software.js';
import { StorageDataSchema } from './storage.js';
import { SystemDataSchema } from './system.js';
import { UsersDataSchema } from './users.js';

export const INVENTORY_SCHEMA_VERSION = 1;

/** Every inventory category. Order is the order a human reads them in. */
export const CATEGORIES = [
  'system',
  'hardware',
  'storage',
  'software',
  'network',
  'users',
  'peripherals',
  'antivirus',
  'firewall',
  'encryption',
  'updates',
  'backup',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

export const PROTECTION_CATEGORIES = ['antivirus', 'firewall', 'encryption', 'updates', 'backup'] as const satisfies readonly Category[];

export const SECTION_DATA_SCHEMAS = {
  system: SystemDataSchema,
  hardware: HardwareDataSchema,
  storage: StorageDataSchema,
  software: SoftwareDataSchema,
  network: NetworkDataSchema,
  users: UsersDataSchema,
  peripherals: PeripheralsDataSchema,
  antivirus: AntivirusDataSchema,
  firewall: FirewallDataSchema,
  encryption: EncryptionDataSchema,
  updates: UpdatesDataSchema,
  backup: BackupDataSchema,
} as const satisfies Record<Category, z.ZodType>;

export type SectionDataMap = { [K in Category]: z.infer<(typeof SECTION_DATA_SCHEMAS)[K]> };

export const SystemSectionSchema = section(SystemDataSchema);
export const SectionsSchema = z.strictObject({
  system: SystemSectionSchema.optional(),
  hardware: section(HardwareDataSchema).optional(),
  storage: section(StorageDataSchema).optional(),
  software: section(SoftwareDataSchema).optional(),
  network: section(NetworkDataSchema).optional(),
  users: section(UsersDataSchema).optional(),
  peripherals: section(PeripheralsDataSchema).optional(),
  antivirus: section(AntivirusDataSchema).optional(),
  firewall: section(FirewallDataSchema).optional(),
  encryption: section(EncryptionDataSchema).optional(),
  updates: section(UpdatesDataSchema).optional(),
  backup: section(BackupDataSchema).optional(),
});
export type Sections = z.infer<typeof SectionsSchema>;
export type Section<K extends Category> = NonNullable<Sections[K]>;
export type AnySection = Section<Category>;

/** Who the machine is; stable across reinstalls (hardware UUID and serial), used to map re-enrollment. */
export const DeviceIdentitySchema = z.strictObject({
  hostname: text(),
  hardwareUuid: maybeText(),
  serial: maybeText(),
  macs: list(macAddress, 64),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentitySchema>;

/** Everything of an inventory document but its sections: which format, what kind, who and when. */
export const InventoryHeaderSchema = z.strictObject({
  schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION),
  /** `full`: every enabled section; `partial`: only sections that changed since the last upload. */
  kind: z.enum(['full', 'partial']),
  agentVersion: text(64),
  collectedAt: isoDateTime,
  device: DeviceIdentitySchema,
});
export type InventoryHeader = z.infer<typeof InventoryHeaderSchema>;

export const FULL_INVENTORY_NEEDS_SYSTEM = 'a full inventory must contain the system section';

export const InventoryDocumentSchema = InventoryHeaderSchema.extend({ sections: SectionsSchema })
  .refine((doc) => doc.kind === 'partial' || doc.sections.system !== undefined, {
    message: FULL_INVENTORY_NEEDS_SYSTEM,
    path: ['sections', 'system'],
  });
export type InventoryDocument = z.infer<typeof InventoryDocumentSchema>;
