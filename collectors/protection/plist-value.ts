import { parse, parseBinary, type PlistValue } from 'plist';

/** A plist dictionary as the `plist` package decodes it. */
export type PlistDict = { readonly [key: string]: PlistValue };

const BINARY_MAGIC = 'bplist00';

/** Decodes a property list in either form macOS writes: binary (`bplist00`) or XML. Throws on garbage. */
export function decodePlist(bytes: Uint8Array | string): PlistValue {
  if (typeof bytes === 'string') return parse(bytes);
  const head = Buffer.from(bytes.subarray(0, BINARY_MAGIC.length)).toString('latin1');
  if (head === BINARY_MAGIC) return parseBinary(bytes);
  return parse(Buffer.from(bytes).toString('utf8'));
}

export function isDict(value: PlistValue | undefined): value is PlistDict {
  return value != null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

export function dictOf(value: PlistValue | undefined): PlistDict | null {
  return isDict(value) ? value : null;
}

export function stringOf(value: PlistValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

export function boolOf(value: PlistValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  // `defaults write` without -bool stores 0/1 integers; both mean the same to the reading side.
  if (value === 0 || value === 1) return value === 1;
  return null;
}

export function numberOf(value: PlistValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function dateOf(value: PlistValue | undefined): Date | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : null;
}

export function arrayOf(value: PlistValue | undefined): readonly PlistValue[] {
  return Array.isArray(value) ? value : [];
}

export function bytesOf(value: PlistValue | undefined): Uint8Array | null {
  return value instanceof Uint8Array ? value : null;
}
