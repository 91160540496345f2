import { CategorySchema, SETTING_BOUNDS } from '@deskside/shared';
import { z } from 'zod';

import type { SettingKey } from './policy-keys.js';

const boundedInt = (b: { readonly min: number; readonly max: number }) => z.number().int().min(b.min).max(b.max);

const httpUrl = z
  .string()
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without user name or password');

const proxyUrl = z
  .string()
  .max(2048)
  .refine((v) => {
    if (v === '') return true;
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be empty or an http(s) proxy URL');

const spkiPin = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 SHA-256 (44 characters ending in "=")');

/** One validator per setting, so an invalid value costs only its own key. */
export const SETTING_SCHEMAS = {
  serverUrl: httpUrl.nullable(),
  enrollSecret: z.string().min(8, 'must be at least 8 characters').max(512).nullable(),
  inventoryIntervalHours: boundedInt(SETTING_BOUNDS.inventoryIntervalHours),
  checkinIntervalMinutes: boundedInt(SETTING_BOUNDS.checkinIntervalMinutes),
  disabledCategories: z.array(CategorySchema).max(32),
  backupStaleDays: boundedInt(SETTING_BOUNDS.backupStaleDays),
  proxyUrl,
  extraCaFile: z.string().max(4096).nullable(),
  serverKeyPins: z.array(spkiPin).max(16),
  allowInsecureHttp: z.boolean(),
  language: z
    .string()
    .regex(/^([a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*)?$/, 'must be a BCP 47 language tag such as fr-FR')
    .nullable(),
  screenshotsAllowed: z.boolean(),
  runningProgramsAllowed: z.boolean(),
  recentErrorsAllowed: z.boolean(),
  outboxMaxMegabytes: z.number().int().min(1).max(10_240),
  outboxMaxAgeDays: z.number().int().min(1).max(365),
} as const satisfies Record<SettingKey, z.ZodType>;

export type AgentSettings = { readonly [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };

export const DEFAULT_SETTINGS: AgentSettings = {
  serverUrl: null,
  enrollSecret: null,
  inventoryIntervalHours: SETTING_BOUNDS.inventoryIntervalHours.default,
  checkinIntervalMinutes: SETTING_BOUNDS.checkinIntervalMinutes.default,
  disabledCategories: [],
  backupStaleDays: SETTING_BOUNDS.backupStaleDays.default,
  proxyUrl: '',
  extraCaFile: null,
  serverKeyPins: [],
  allowInsecureHttp: false,
  language: null,
  screenshotsAllowed: true,
  runningProgramsAllowed: true,
  recentErrorsAllowed: true,
  outboxMaxMegabytes: 512,
  outboxMaxAgeDays: 30,
};

/** Where a resolved value came from, strongest first. */
export const SETTING_SOURCES = ['policy', 'server', 'user', 'default'] as const;
export type SettingSource = (typeof SETTING_SOURCES)[number];

/** Keys the server may push (shared PushedSettings); everything else it cannot touch. */
export const SERVER_PUSHABLE_KEYS = [
  'inventoryIntervalHours',
  'checkinIntervalMinutes',
  'disabledCategories',
  'backupStaleDays',
  'screenshotsAllowed',
] as const satisfies readonly SettingKey[];
