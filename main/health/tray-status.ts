import type { DeviceHealth, DeviceTicketView, HealthTopic, TrayHealth, TrayStatus } from '@deskside/shared';

import type { AgentStatus } from '../../agent/agent-types.js';

export interface HostIdentity {
  readonly computerName: string;
  readonly userName: string;
  readonly ipAddresses: readonly string[];
}

export interface TrayStatusInput {
  readonly agent: AgentStatus;
  /** Whether the last exchange with the server succeeded (null before the first one). */
  readonly serverReachable: boolean | null;
  /** The OS reports a network connection. */
  readonly networkUp: boolean;
  readonly health: DeviceHealth | null;
  readonly tickets: readonly DeviceTicketView[];
  readonly seen: Readonly<Record<string, number>>;
  readonly host: HostIdentity;
}

export function technicianMessages(ticket: DeviceTicketView): number {
  return ticket.messages.filter((m) => m.author === 'technician').length;
}

export function unreadCount(ticket: DeviceTicketView, seen: Readonly<Record<string, number>>): number {
  return Math.max(0, technicianMessages(ticket) - (seen[ticket.id] ?? 0));
}

/**
 * The tray's colour: red-ish "offline" when the server cannot be reached (or the device is not
 * enrolled), amber "attention" when a health item needs the user or something failed for good, else ok.
 */
export function trayStatus(input: TrayStatusInput): TrayStatus {
  const enrolled = input.agent.enrollment.state === 'enrolled';
  const refused = input.agent.network?.proxyRefused?.status;
  const online = enrolled && input.networkUp && input.serverReachable !== false && refused === undefined;
  const attention: HealthTopic[] = (input.health?.items ?? [])
    .filter((i) => i.level === 'problem' || i.level === 'attention')
    .map((i) => i.topic);
  const failedForGood = input.agent.outbox.some((o) => o.failed !== null);
  const health: TrayHealth = !online ? 'offline' : attention.length > 0 || failedForGood ? 'attention' : 'ok';
  return {
    health,
    enrolled,
    online,
    lastContactAt: input.agent.lastCheckinAt,
    lastInventoryAt: input.agent.lastInventoryAt,
    outboxItems: input.agent.outbox.length,
    unreadTickets: input.tickets.reduce((n, t) => n + unreadCount(t, input.seen), 0),
    computerName: input.host.computerName,
    userName: input.host.userName,
    ipAddresses: input.host.ipAddresses,
    attention,
    ...(refused !== undefined ? { proxyRefused: refused } : {}),
  };
}
