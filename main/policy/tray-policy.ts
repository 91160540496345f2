import { z } from 'zod';

/**
 * Tray-only settings an organisation can enforce. They live in the same managed policy store as the
 * agent's (registry key, managed plist, /etc/deskside/agent.json) under their own names.
 */
export interface TrayPolicy {
  /** Remove Quit from the tray menu so the app keeps running for the whole session. */
  readonly hideQuit: boolean;
  /** Forces start at login on (true) or off (false); undefined lets the user choose. */
  readonly startAtLogin: boolean | undefined;
  /** Accelerator that opens Report a problem; null disables the shortcut. */
  readonly reportShortcut: string | null;
  /** Generic update feed (https://…); null turns auto-update off. */
  readonly updateFeedUrl: string | null;
}

export const DEFAULT_REPORT_SHORTCUT = 'CommandOrControl+Alt+H';

export const TRAY_POLICY_KEYS = {
  trayHideQuit: 'Hide Quit from the tray menu',
  trayStartAtLogin: 'Start the tray app at login (true/false); absent lets the user choose',
  trayReportShortcut: 'Keyboard shortcut for Report a problem (Electron accelerator); empty disables it',
  updateFeedUrl: 'Update feed URL (https://…, generic provider); empty disables automatic updates',
} as const;

// Windows policy values arrive as REG_DWORD numbers; plist and JSON carry booleans.
const flag = z.union([z.boolean(), z.literal(0).transform(() => false), z.literal(1).transform(() => true)]);
const accelerator = z.string().max(64).regex(/^$|^[A-Za-z0-9]+(\+[A-Za-z0-9]+)*$/, 'must be an accelerator such as CommandOrControl+Alt+H');
const feedUrl = z.string().max(2048).refine((v) => v === '' || /^https:\/\/[^\s@]+$/.test(v), 'must be an https:// URL');

export interface PolicyProblem {
  readonly key: string;
  readonly message: string;
}

/** Invalid values are reported and fall back to the default, costing only their own key. */
export function parseTrayPolicy(raw: Readonly<Record<string, unknown>>): { policy: TrayPolicy; problems: readonly PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  // Registry value names and plist keys arrive in any case (TrayHideQuit, trayhidequit).
  const byLower = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  const read = <T>(key: keyof typeof TRAY_POLICY_KEYS, schema: z.ZodType<T, unknown>): T | undefined => {
    const value = byLower.get(key.toLowerCase());
    if (value === undefined || value === null) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    problems.push({ key, message: parsed.error.issues[0]?.message ?? 'invalid value' });
    return undefined;
  };
  const shortcut = read('trayReportShortcut', accelerator);
  const feed = read('updateFeedUrl', feedUrl);
  return {
    policy: {
      hideQuit: read('trayHideQuit', flag) ?? false,
      startAtLogin: read('trayStartAtLogin', flag),
      reportShortcut: shortcut === undefined ? DEFAULT_REPORT_SHORTCUT : shortcut === '' ? null : shortcut,
      updateFeedUrl: feed === undefined || feed === '' ? null : feed,
    },
    problems,
  };
}
