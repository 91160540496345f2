import { z } from 'zod';

import { CategorySchema } from './inventory/document.js';
import { list } from './limits.js';

export const SETTING_BOUNDS = {
  inventoryIntervalHours: { min: 1, max: 24 * 7, default: 24 },
  checkinIntervalMinutes: { min: 1, max: 24 * 60, default: 15 },
  backupStaleDays: { min: 1, max: 365, default: 7 },
} as const;

const bounded = (b: { min: number; max: number }) => z.number().int().min(b.min).max(b.max);

/** Settings the server pushes at check-in. They sit between managed policy and the user's own. */
export const PushedSettingsSchema = z.strictObject({
  inventoryIntervalHours: bounded(SETTING_BOUNDS.inventoryIntervalHours).optional(),
  checkinIntervalMinutes: bounded(SETTING_BOUNDS.checkinIntervalMinutes).optional(),
  disabledCategories: list(CategorySchema, 32).optional(),
  backupStaleDays: bounded(SETTING_BOUNDS.backupStaleDays).optional(),
  screenshotsAllowed: z.boolean().optional(),
});
export type PushedSettings = z.infer<typeof PushedSettingsSchema>;
