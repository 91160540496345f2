/**
 * Returns a copy with every string in Unicode NFC. macOS hands out decomposed names (NFD) from the
 * file system, Windows composed ones; without this "Café" from two machines would not compare equal.
 */
export function normalizeStrings<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key.normalize('NFC')] = walk(item);
    return out;
  }
  return value;
}
