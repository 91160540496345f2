import { z } from 'zod';

import { list, maybeCount, maybeNumber, maybeText, text, triState } from '../limits.js';

export const DISK_TYPES = ['ssd', 'hdd', 'nvme', 'removable', 'virtual', 'unknown'] as const;
export const SMART_STATES = ['ok', 'warning', 'failing', 'unknown'] as const;

export const PhysicalDiskSchema = z.strictObject({
  device: maybeText(),
  model: maybeText(),
  serial: maybeText(),
  sizeBytes: maybeCount,
  type: z.enum(DISK_TYPES),
  interface: maybeText(64),
  smartStatus: z.enum(SMART_STATES),
  removable: triState,
});

export const VolumeSchema = z.strictObject({
  mount: text(1024),
  device: maybeText(1024),
  label: maybeText(),
  filesystem: maybeText(64),
  sizeBytes: maybeCount,
  usedBytes: maybeCount,
  freeBytes: maybeCount,
  freePercent: maybeNumber,
  /** The volume the OS boots from (C:, / or the APFS Data volume). */
  system: z.boolean(),
  removable: triState,
});
export type Volume = z.infer<typeof VolumeSchema>;

export const StorageDataSchema = z.strictObject({
  disks: list(PhysicalDiskSchema, 64),
  volumes: list(VolumeSchema, 256),
});
export type StorageData = z.infer<typeof StorageDataSchema>;
