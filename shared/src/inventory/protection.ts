import { z } from 'zod';

import { LIMITS, list, maybeCount, maybeDateTime, maybeNumber, maybeText, text, triState } from '../limits.js';

/**
 * Protection state. Every boolean is true, false or null (unknown) and each record names its
 * `source` (the command, API or file it came from), so "unknown" is never shown as "off".
 */

export const ANTIVIRUS_MODES = ['active', 'passive', 'edr-block', 'disabled', 'snoozed', 'expired', 'unknown'] as const;

export const AntivirusProductSchema = z.strictObject({
  name: text(),
  vendor: maybeText(),
  version: maybeText(),
  enabled: triState,
  realtimeProtection: triState,
  mode: z.enum(ANTIVIRUS_MODES),
  signaturesUpToDate: triState,
  signatureVersion: maybeText(),
  signaturesUpdatedAt: maybeDateTime,
  lastScanAt: maybeDateTime,
  source: text(),
});
export type AntivirusProduct = z.infer<typeof AntivirusProductSchema>;

export const AntivirusDataSchema = z.strictObject({
  products: list(AntivirusProductSchema, 16),
});
export type AntivirusData = z.infer<typeof AntivirusDataSchema>;

export const FirewallDataSchema = z.strictObject({
  /** Overall: true when every active profile/product filters, false when any is off. */
  enabled: triState,
  profiles: list(
    z.strictObject({
      name: text(64),
      enabled: triState,
      defaultInboundBlocked: triState,
      source: text(),
    }),
    16,
  ),
  products: list(z.strictObject({ name: text(), enabled: triState, source: text() }), 16),
  stealthMode: triState,
});
export type FirewallData = z.infer<typeof FirewallDataSchema>;

export const ENCRYPTION_METHODS = ['bitlocker', 'filevault', 'luks', 'dm-crypt', 'ecryptfs', 'other', 'none', 'unknown'] as const;

export const EncryptedVolumeSchema = z.strictObject({
  mount: text(1024),
  device: maybeText(1024),
  method: z.enum(ENCRYPTION_METHODS),
  encrypted: triState,
  /** Encrypted and the protection active (BitLocker can be encrypted with protection suspended). */
  protectionOn: triState,
  /** The source's own words for the state: "FullyEncrypted", "Encryption in progress", … */
  status: maybeText(),
  percentEncrypted: maybeNumber,
  system: z.boolean(),
  source: text(),
});

export const EncryptionDataSchema = z.strictObject({
  volumes: list(EncryptedVolumeSchema, 256),
  systemVolumeProtected: triState,
});
export type EncryptionData = z.infer<typeof EncryptionDataSchema>;

export const UpdatesDataSchema = z.strictObject({
  lastInstalled: z
    .strictObject({
      title: maybeText(LIMITS.mediumText),
      at: maybeDateTime,
    })
    .nullable(),
  automaticUpdates: triState,
  pendingReboot: triState,
  pendingRebootReasons: list(text(LIMITS.mediumText), 32),
  /** From local metadata only (apt lists, Windows Update cache): never from the vendor's servers. */
  pendingUpdates: maybeCount,
  pendingSecurityUpdates: maybeCount,
  sources: list(text(), 16),
});
export type UpdatesData = z.infer<typeof UpdatesDataSchema>;

export const BACKUP_KINDS = ['os', 'third-party', 'cloud-sync'] as const;
export const BACKUP_STATES = ['ok', 'stale', 'failing', 'not-configured', 'unknown'] as const;
export const BackupStateSchema = z.enum(BACKUP_STATES);
export type BackupState = z.infer<typeof BackupStateSchema>;

export const BackupMechanismSchema = z.strictObject({
  product: text(),
  kind: z.enum(BACKUP_KINDS),
  configured: triState,
  enabled: triState,
  lastSuccessAt: maybeDateTime,
  lastAttemptAt: maybeDateTime,
  destination: z
    .strictObject({
      name: maybeText(1024),
      kind: z.enum(['local', 'network', 'cloud', 'unknown']),
      encrypted: triState,
    })
    .nullable(),
  state: BackupStateSchema,
  reason: text(LIMITS.mediumText),
  source: text(),
  /** The OS permission that stopped us reading this product's state, e.g. "Full Disk Access". */
  missingPermission: maybeText(),
});
export type BackupMechanism = z.infer<typeof BackupMechanismSchema>;

export const BackupDataSchema = z.strictObject({
  staleAfterDays: z.number().int().min(1).max(365),
  mechanisms: list(BackupMechanismSchema, 32),
  /** Worst-case summary over mechanisms that are configured; "not-configured" when none is. */
  overall: BackupStateSchema,
});
export type BackupData = z.infer<typeof BackupDataSchema>;
