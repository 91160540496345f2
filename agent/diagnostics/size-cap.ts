const MAX_STRING = 4_000;

interface Cut {
  path: string;
  kept: number;
  total: number;
}

function truncateStrings(value: unknown, notes: { strings: number }): unknown {
  if (typeof value === 'string') {
    if (value.length <= MAX_STRING) return value;
    notes.strings += 1;
    return `${value.slice(0, MAX_STRING)}…`;
  }
  if (Array.isArray(value)) return value.map((v) => truncateStrings(v, notes));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, truncateStrings(v, notes)]));
  return value;
}

/** The largest array anywhere in the value, by serialized size, with its path. */
function largestArray(value: unknown, path: string): { path: string; array: unknown[]; size: number } | null {
  let best: { path: string; array: unknown[]; size: number } | null = null;
  const visit = (v: unknown, p: string) => {
    if (Array.isArray(v)) {
      const size = JSON.stringify(v).length;
      if (v.length > 1 && (best === null || size > best.size)) best = { path: p, array: v, size };
      v.forEach((x, i) => visit(x, `${p}[${i}]`));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(x, p === '' ? k : `${p}.${k}`);
    }
  };
  visit(value, path);
  return best;
}

/**
 * Fit one item's data under `maxBytes` of JSON: first shorten very long strings, then halve the
 * largest lists (keeping their first entries, which probes sort most relevant first) until it fits.
 * Returns the note that tells the technician what was cut, or null when nothing was.
 */
export function capSize(data: unknown, maxBytes: number): { data: unknown; note: string | null } {
  if (JSON.stringify(data ?? null).length <= maxBytes) return { data, note: null };
  const notes = { strings: 0 };
  let current = truncateStrings(structuredClone(data), notes);
  const cuts = new Map<string, Cut>();
  for (let i = 0; i < 64 && JSON.stringify(current ?? null).length > maxBytes; i += 1) {
    const target = largestArray(current, '');
    if (target === null) break;
    const total = cuts.get(target.path)?.total ?? target.array.length;
    const kept = Math.floor(target.array.length / 2);
    target.array.splice(kept);
    cuts.set(target.path, { path: target.path, kept, total });
  }
  const parts: string[] = [];
  if (notes.strings > 0) parts.push(`${notes.strings} long text value(s) shortened to ${MAX_STRING} characters`);
  for (const c of cuts.values()) parts.push(`${c.path || 'list'}: ${c.kept} of ${c.total} entries kept`);
  if (JSON.stringify(current ?? null).length > maxBytes) {
    current = null;
    parts.push(`data left out: larger than ${maxBytes} bytes`);
  }
  return { data: current, note: `size cap ${Math.round(maxBytes / 1024)} KiB: ${parts.join('; ')}` };
}
