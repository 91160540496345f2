import type { PlistValue } from 'plist';

import { dictOf, numberOf } from '../protection/plist-value.js';

/** The macOS application firewall, whichever way we managed to read it. */
export interface MacFirewallState {
  readonly enabled: boolean | null;
  readonly stealth: boolean | null;
  /** "Block all incoming connections" (global state 2). */
  readonly blockAll: boolean | null;
}

const onOffWord = (word: string | undefined): boolean | null => {
  const w = (word ?? '').toLowerCase();
  return w === 'enabled' || w === 'on' ? true : w === 'disabled' || w === 'off' ? false : null;
};

/**
 * `socketfilterfw --getglobalstate --getstealthmode --getblockall`. Wording changed across releases:
 * "Firewall is enabled. (State = 1)", "Stealth mode enabled" (≤13) / "Firewall stealth mode is on"
 * (14+), "Block all INCOMING connections DISABLED!" / "Firewall has block all state set to disabled."
 */
export function parseSocketFilterFw(text: string): MacFirewallState {
  const stateNumber = /\(State\s*=\s*(\d)\)/i.exec(text)?.[1];
  const enabledWord = /Firewall is (enabled|disabled)/i.exec(text)?.[1];
  let enabled = stateNumber !== undefined ? stateNumber !== '0' : onOffWord(enabledWord);
  if (/Firewall is blocking all/i.test(text)) enabled = true;
  const stealth = onOffWord(/stealth mode (?:is )?(enabled|disabled|on|off)/i.exec(text)?.[1]);
  let blockAll = onOffWord(/block all(?: INCOMING connections| state set to)? (enabled|disabled|on|off)/i.exec(text)?.[1]);
  if (stateNumber === '2' || /Firewall is blocking all/i.test(text)) blockAll = true;
  return { enabled, stealth, blockAll: enabled === false ? false : blockAll };
}

/** /Library/Preferences/com.apple.alf.plist (before macOS 15): globalstate 0/1/2, stealthenabled 0/1. */
export function parseAlfPlist(value: PlistValue): MacFirewallState {
  const dict = dictOf(value);
  if (dict == null) throw new Error('com.apple.alf.plist is not a dictionary');
  const global = numberOf(dict['globalstate']);
  const stealth = numberOf(dict['stealthenabled']);
  return {
    enabled: global == null ? null : global > 0,
    stealth: stealth == null ? null : stealth === 1,
    blockAll: global == null ? null : global === 2,
  };
}
