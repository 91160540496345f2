import type { DeviceTicketView } from '@deskside/shared';

/**
 * The OS account a request to the local endpoint came from, as the operating system vouched for it
 * (never as the caller described itself). `id` is the numeric uid on Linux and macOS, the SID on Windows.
 */
export interface Caller {
  readonly id: string;
  readonly name: string;
  /** root / LocalSystem / Administrators: sees every user's items, may change machine settings. */
  readonly admin: boolean;
}

/** The account recorded on a ticket as its verified requester. */
export function requesterOf(caller: Caller): { readonly id: string; readonly name: string } {
  return { id: caller.id, name: caller.name };
}

/** An account name without its domain (`CORP\\bchen`, `bchen@corp.example` → `bchen`), lower-cased. */
export function bareAccountName(name: string): string {
  const afterDomain = name.slice(name.lastIndexOf('\\') + 1);
  const at = afterDomain.indexOf('@');
  return (at > 0 ? afterDomain.slice(0, at) : afterDomain).trim().toLowerCase();
}

/** Recorded by a technician (phone, walk-up, mail…) rather than filed on the device. */
export const recordedByTechnician = (ticket: Pick<DeviceTicketView, 'channel'>): boolean => ticket.channel !== undefined && ticket.channel !== 'tray';

/**
 * A ticket a technician recorded for this device (phone, walk-up, mail…) belongs to the account they
 * named, matched by name since a technician rarely knows a uid or SID; with no account named it is
 * shown to whoever uses the device (the console prefills the signed-in user, so that is the exception).
 */
export function recordedFor(ticket: DeviceTicketView, caller: Caller): boolean {
  if (!recordedByTechnician(ticket)) return false;
  const named = ticket.requesterAccountName ?? null;
  return named === null || bareAccountName(named) === bareAccountName(caller.name);
}
