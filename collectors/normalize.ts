/**
 * Returns a copy with every string in Unicode NFC. macOS hands out decomposed names (NFD) from the
 * file system, Windows composed ones; without this "Café" from two machines would not compare equal.
 */
export function normalizeStrings<T>(value: T): T {
  return walk(value) as T;
}

// Printable ASCII is already NFC; most of an inventory is, and testing is cheaper than normalizing.
const BEYOND_PRINTABLE_ASCII = /[^\t\n\r\u0020-\u007e]/u;
const nfc = (text: string): string => (BEYOND_PRINTABLE_ASCII.test(text) ? text.normalize('NFC') : text);

function walk(value: unknown): unknown {
  if (typeof value === 'string') return nfc(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[nfc(key)] = walk(item);
    return out;
  }
  return value;
}
