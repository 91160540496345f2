import type { Route, TrayStatus } from '@deskside/shared';
import type { MenuItemConstructorOptions } from 'electron';


import type { TrayMessages } from '../i18n/tray-messages.js';
import type { TrayPolicy } from '../policy/tray-policy.js';

export interface TrayActions {
  open(route: Route): void;
  syncNow(): void;
  quit(): void;
}

/**
 * The tray menu for a status and policy. Pure, so tests read exactly what the user will see: the
 * status line, unread replies, Sync disabled while offline-by-network, Quit only when policy allows.
 */
export function trayMenuTemplate(status: TrayStatus | null, policy: TrayPolicy, m: TrayMessages, actions: TrayActions, syncing: boolean): MenuItemConstructorOptions[] {
  const unread = status?.unreadTickets ?? 0;
  const items: MenuItemConstructorOptions[] = [
    { id: 'status', label: statusLine(status, m), enabled: false },
    { type: 'separator' },
    { id: 'report', label: m.reportProblem, accelerator: policy.reportShortcut ?? undefined, click: () => actions.open({ view: 'report' }) },
    { id: 'tickets', label: unread > 0 ? m.myTicketsUnread(unread) : m.myTickets, click: () => actions.open({ view: 'tickets' }) },
    { id: 'device', label: m.myDevice, click: () => actions.open({ view: 'device' }) },
    { type: 'separator' },
    { id: 'sync', label: m.syncNow, enabled: !syncing && (status?.enrolled ?? false), click: () => actions.syncNow() },
    { id: 'settings', label: m.settings, click: () => actions.open({ view: 'settings' }) },
    { id: 'about', label: m.about, click: () => actions.open({ view: 'about' }) },
  ];
  if (!policy.hideQuit) items.push({ type: 'separator' }, { id: 'quit', label: m.quit, role: 'quit', click: () => actions.quit() });
  return items;
}

function statusLine(status: TrayStatus | null, m: TrayMessages): string {
  if (status !== null && !status.enrolled) return m.notEnrolled;
  if (status?.proxyRefused !== undefined) return m.proxyRefused(status.proxyRefused);
  return m.health[status?.health ?? 'offline'];
}

/** What a user reads to a technician on the phone: computer name, user and IP. */
export function trayTooltip(status: TrayStatus | null, m: TrayMessages, fallback: { computerName: string; userName: string }): string {
  const ip = status && status.ipAddresses.length > 0 ? status.ipAddresses.slice(0, 2).join(', ') : m.noAddress;
  return m.tooltip({
    computer: status?.computerName ?? fallback.computerName,
    user: status?.userName ?? fallback.userName,
    ip,
    health: statusLine(status, m),
  });
}
