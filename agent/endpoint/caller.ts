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
