/**
 * Every setting an organisation can enforce by managed policy, with the value type each policy store
 * carries it as. The Windows ADMX/registry template, the macOS configuration profile and the Linux
 * /etc/deskside/agent.json example are generated from and tested against this one list.
 *
 * `kind` says how a native store encodes the value: Windows REG_SZ/REG_DWORD/REG_MULTI_SZ, plist
 * string/integer/boolean/array, JSON string/number/boolean/array.
 */
export const POLICY_KEYS = {
  serverUrl: { kind: 'string', description: 'Deskside server base URL (https://…)' },
  enrollSecret: { kind: 'string', description: 'Organisation enrollment secret, exchanged once for a device credential' },
  inventoryIntervalHours: { kind: 'integer', description: 'Hours between inventories (1–168)' },
  checkinIntervalMinutes: { kind: 'integer', description: 'Minutes between check-ins (1–1440)' },
  disabledCategories: { kind: 'list', description: 'Inventory categories not collected' },
  backupStaleDays: { kind: 'integer', description: 'Days after which the last backup counts as stale' },
  proxyUrl: { kind: 'string', description: 'HTTP(S) proxy for the headless agent; empty uses HTTPS_PROXY/NO_PROXY' },
  extraCaFile: { kind: 'string', description: 'PEM file of extra CA certificates trusted for the server' },
  serverKeyPins: { kind: 'list', description: 'Base64 SHA-256 of the server certificate public key (SPKI); any match is accepted' },
  allowInsecureHttp: { kind: 'boolean', description: 'Allow plain HTTP to a non-loopback server (testing only)' },
  language: { kind: 'string', description: 'User interface language (BCP 47, e.g. fr-FR); empty follows the OS' },
  screenshotsAllowed: { kind: 'boolean', description: 'Whether users may attach a screenshot to a ticket' },
  runningProgramsAllowed: { kind: 'boolean', description: 'Whether ticket diagnostics may list the running programs' },
  recentErrorsAllowed: { kind: 'boolean', description: 'Whether ticket diagnostics may include recent system log errors' },
  outboxMaxMegabytes: { kind: 'integer', description: 'Cap on queued uploads on disk, in MiB' },
  outboxMaxAgeDays: { kind: 'integer', description: 'Queued uploads older than this are reported and dropped' },
} as const satisfies Record<string, { readonly kind: PolicyValueKind; readonly description: string }>;

export type PolicyValueKind = 'string' | 'integer' | 'boolean' | 'list';
export type SettingKey = keyof typeof POLICY_KEYS;
export const SETTING_KEYS = Object.keys(POLICY_KEYS) as readonly SettingKey[];

/**
 * Keys of the same policy store that another Deskside component reads: the tray app's
 * (main/policy/tray-policy.ts, which validates them). The agent does not act on them, but knows them,
 * so they are not reported as unknown settings while a misspelt key still is. A test keeps this list
 * equal to the tray app's.
 */
export const PEER_POLICY_KEYS = {
  trayHideQuit: 'tray app',
  trayStartAtLogin: 'tray app',
  trayReportShortcut: 'tray app',
  updateFeedUrl: 'tray app',
} as const satisfies Record<string, string>;
export type PeerPolicyKey = keyof typeof PEER_POLICY_KEYS;
export const PEER_POLICY_KEY_NAMES = Object.keys(PEER_POLICY_KEYS) as readonly PeerPolicyKey[];

/** Registry key, plist domain and file the policy is read from. */
export const POLICY_LOCATIONS = {
  win32: 'HKLM\\SOFTWARE\\Policies\\Deskside',
  darwin: '/Library/Managed Preferences/com.deskside.agent.plist',
  linux: '/etc/deskside/agent.json',
} as const;
