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
import { RemoteAccessDataSchema } from './remote-access.js';
import { section } from './section.js';
import { SoftwareDataSchema } from './software.js';
import { StorageDataSchema } from './storage.js';
import { SystemDataSchema } from './system.js';
import { RemovedUsersSchema, UserScopeEntriesSchema } from './user-scope.js';
import { UsersDataSchema } from './users.js';

/** What a machine-only document says: every agent since the first speaks it, every server reads it. */
export const INVENTORY_SCHEMA_VERSION = 1;
/**
 * A document that carries per-user sections (`users`, `removedUsers`) says 2. The agent says 2 only
 * when it has something per user to send, so a newer agent still talks to an older server, which reads 1.
 */
export const INVENTORY_SCHEMA_VERSION_USERS = 2;
export const INVENTORY_SCHEMA_VERSIONS = [INVENTORY_SCHEMA_VERSION, INVENTORY_SCHEMA_VERSION_USERS] as const;

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
  'remoteAccess',
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
  remoteAccess: RemoteAccessDataSchema,
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
  remoteAccess: section(RemoteAccessDataSchema).optional(),
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
  schemaVersion: z.union([z.literal(INVENTORY_SCHEMA_VERSION), z.literal(INVENTORY_SCHEMA_VERSION_USERS)]),
  /** `full`: every enabled section; `partial`: only sections that changed since the last upload. */
  kind: z.enum(['full', 'partial']),
  agentVersion: text(64),
  collectedAt: isoDateTime,
  device: DeviceIdentitySchema,
});
export type InventoryHeader = z.infer<typeof InventoryHeaderSchema>;

export const FULL_INVENTORY_NEEDS_SYSTEM = 'a full inventory must contain the system section';

export const USERS_NEED_VERSION_2 = `per-user sections need schemaVersion ${INVENTORY_SCHEMA_VERSION_USERS}`;
export const REMOVED_USERS_ONLY_PARTIAL = 'removedUsers belongs to partial documents (a full one lists every user it keeps)';

export const InventoryDocumentSchema = InventoryHeaderSchema.extend({
  sections: SectionsSchema,
  /**
   * Per-user sections (schemaVersion 2). A full document lists every user the agent keeps; a partial
   * one only users whose sections changed, each replacing that user's entry alone.
   */
  users: UserScopeEntriesSchema.optional(),
  removedUsers: RemovedUsersSchema.optional(),
})
  .refine((doc) => doc.kind === 'partial' || doc.sections.system !== undefined, {
    message: FULL_INVENTORY_NEEDS_SYSTEM,
    path: ['sections', 'system'],
  })
  .refine((doc) => (doc.users === undefined && doc.removedUsers === undefined) || doc.schemaVersion === INVENTORY_SCHEMA_VERSION_USERS, {
    message: USERS_NEED_VERSION_2,
    path: ['schemaVersion'],
  })
  .refine((doc) => doc.kind === 'partial' || doc.removedUsers === undefined, { message: REMOVED_USERS_ONLY_PARTIAL, path: ['removedUsers'] });
export type InventoryDocument = z.infer<typeof InventoryDocumentSchema>;
