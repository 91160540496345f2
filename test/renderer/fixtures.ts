import type { AppInfo, DeviceTicketView, ReportContext, SettingsView, TicketList, TrayStatus } from '@deskside/shared';

export const info: AppInfo = {
  productName: 'Deskside',
  version: '0.1.0',
  versions: { electron: '45.5.0', chrome: '142', node: '22' },
  os: 'Windows 11 Pro',
  platform: 'win32',
  serverUrl: 'https://deskside.example.org',
  deviceId: '7d1c1f0e-4c5a-4b8e-9a57-5d6a0d8d2b11',
  computerName: 'PC-ACCT-017',
  userName: 'alice',
  language: 'en',
  supportId: null,
};

export const status: TrayStatus = {
  health: 'ok',
  enrolled: true,
  online: true,
  lastContactAt: null,
  lastInventoryAt: null,
  outboxItems: 0,
  unreadTickets: 1,
  computerName: 'PC-ACCT-017',
  userName: 'alice',
  ipAddresses: ['10.0.0.5'],
  attention: [],
};

export const context: ReportContext = {
  screenshots: [],
  screenshotsAllowed: false,
  contact: { name: 'Alice Martin', email: 'alice@example.org', phone: null },
  rules: { maxFiles: 10, maxFileBytes: 10 * 1024 * 1024, maxScreenshotBytes: 8 * 1024 * 1024, allowedTypes: ['image/png', 'text/plain', 'application/pdf'] },
  online: true,
};

export const ticket: DeviceTicketView = {
  id: '3a1b6f0c-9d2e-4f8a-8b7c-6d5e4f3a2b1c',
  number: 17,
  subject: 'Printer prints blank pages',
  status: 'waiting-on-user',
  priority: 'medium',
  createdAt: '2026-11-28T09:00:00.000Z',
  updatedAt: '2026-11-29T08:00:00.000Z',
  messages: [
    { id: '1a1b6f0c-9d2e-4f8a-8b7c-6d5e4f3a2b1c', author: 'user', authorName: 'Alice', body: 'It prints blank pages.', createdAt: '2026-11-28T09:00:00.000Z' },
    { id: '2a1b6f0c-9d2e-4f8a-8b7c-6d5e4f3a2b1c', author: 'technician', authorName: 'Bob (IT)', body: 'Try the other tray, please.', createdAt: '2026-11-29T08:00:00.000Z' },
  ],
};

export const list: TicketList = { tickets: [{ ticket, unread: 1 }], pending: [], fetchedAt: '2026-11-29T08:05:00.000Z', online: true };

export const settings: SettingsView = {
  values: { startAtLogin: true, notifications: true, language: 'system' },
  locked: ['startAtLogin'],
  serverUrl: 'https://deskside.example.org',
  shortcut: 'CommandOrControl+Alt+H',
};
