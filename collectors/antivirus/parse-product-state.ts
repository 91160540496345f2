/**
 * Decoding of `productState` from root/SecurityCenter2 (AntiVirusProduct, FirewallProduct,
 * AntiSpywareProduct).
 *
 * Microsoft does not document the packing. We follow the layout established in practice (and matched
 * by every value we have seen from real machines), a 24-bit value read as hex 0xPPSSUU:
 *
 *   bits 16–23  provider flags, the WSC_SECURITY_PROVIDER enum of wscapi.h: 0x01 firewall,
 *               0x02 automatic-update settings, 0x04 antivirus, 0x08 antispyware,
 *               0x10 internet settings, 0x20 user account control, 0x40 service
 *   bits 12–15  scanner state: 0 off, 1 on, 2 snoozed, 3 expired
 *   bits  8–11  owner: 0 third party, 1 Microsoft (Windows Defender / Windows Firewall)
 *   bits  4–7   signature state: 0 up to date, 1 out of date
 *   bits  0–3   unused, always 0
 *
 * e.g. 397568 = 0x061100: antivirus (+update settings), on, Microsoft, up to date.
 * A value outside this shape (more than 24 bits, unknown nibbles) is rejected rather than guessed.
 */

export const SCANNER_STATES = ['off', 'on', 'snoozed', 'expired'] as const;
export type ScannerState = (typeof SCANNER_STATES)[number];

export type ProviderKind = 'firewall' | 'antivirus' | 'antispyware' | 'other';

export interface DecodedProductState {
  readonly value: number;
  readonly providers: number;
  readonly kind: ProviderKind;
  readonly scanner: ScannerState;
  readonly microsoft: boolean;
  readonly signaturesUpToDate: boolean;
}

export class MalformedProductStateError extends Error {
  constructor(readonly raw: unknown, reason: string) {
    super(`productState ${JSON.stringify(raw)} is malformed: ${reason}`);
    this.name = 'MalformedProductStateError';
  }
}

const PROVIDER_MASK = 0x7f;

function toInteger(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) return Number(raw);
  if (typeof raw === 'string' && /^\s*0x[0-9a-f]+\s*$/i.test(raw)) return Number.parseInt(raw.trim().slice(2), 16);
  throw new MalformedProductStateError(raw, 'not an integer');
}

export function decodeProductState(raw: unknown): DecodedProductState {
  const value = toInteger(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new MalformedProductStateError(raw, 'not a non-negative integer');
  if (value > 0xffffff) throw new MalformedProductStateError(raw, 'wider than 24 bits');
  const providers = (value >> 16) & 0xff;
  const scannerNibble = (value >> 12) & 0xf;
  const ownerNibble = (value >> 8) & 0xf;
  const signatureNibble = (value >> 4) & 0xf;
  const unused = value & 0xf;
  if (providers === 0 || (providers & ~PROVIDER_MASK) !== 0) throw new MalformedProductStateError(raw, `unknown provider flags 0x${providers.toString(16)}`);
  const scanner = SCANNER_STATES[scannerNibble];
  if (scanner === undefined) throw new MalformedProductStateError(raw, `unknown scanner state ${scannerNibble}`);
  if (ownerNibble > 1) throw new MalformedProductStateError(raw, `unknown owner ${ownerNibble}`);
  if (signatureNibble > 1) throw new MalformedProductStateError(raw, `unknown signature state ${signatureNibble}`);
  if (unused !== 0) throw new MalformedProductStateError(raw, 'low bits are set');
  return {
    value,
    providers,
    kind: providerKind(providers),
    scanner,
    microsoft: ownerNibble === 1,
    signaturesUpToDate: signatureNibble === 0,
  };
}

function providerKind(providers: number): ProviderKind {
  if (providers & 0x04) return 'antivirus';
  if (providers & 0x08) return 'antispyware';
  if (providers & 0x01) return 'firewall';
  return 'other';
}
