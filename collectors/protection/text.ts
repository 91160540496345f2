/** Small text helpers the protection parsers share. */

/** Lines of `Key : value` or `Key: value`, keyed by the lower-cased, space-collapsed key. First wins. */
export function parseColonPairs(text: string): ReadonlyMap<string, string> {
  const pairs = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([^:]+?)\s*:\s?(.*)$/.exec(line);
    if (!match?.[1]) continue;
    const key = normalizeKey(match[1]);
    if (!pairs.has(key)) pairs.set(key, (match[2] ?? '').trim());
  }
  return pairs;
}

/** Lines of `Key    value` where two or more spaces or a tab separate key and value. */
export function parseSpacedPairs(text: string): ReadonlyMap<string, string> {
  const pairs = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(\S.*?)(?:\t+|\s{2,})(\S.*)$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const key = normalizeKey(match[1]);
    if (!pairs.has(key)) pairs.set(key, match[2].trim());
  }
  return pairs;
}

export function normalizeKey(key: string): string {
  return key.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A value that means "nothing here" in tool output. */
export function blankToNull(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed === '' || /^(?:n\/a|none|null|undefined|unknown|-)$/i.test(trimmed) ? null : trimmed;
}

/** Tool words for on/off; null for anything we do not recognise (never guessed as off). */
export function onOff(value: string | null | undefined): boolean | null {
  if (value == null) return null;
  const word = value.trim().toLowerCase().replace(/[.!]+$/, '');
  if (/^(?:on|enabled?|true|yes|1|active|running|started|ok|ready)$/.test(word)) return true;
  if (/^(?:off|disabled?|false|no|0|inactive|stopped|not running)$/.test(word)) return false;
  return null;
}

/** Caps a string to the schema's limit without cutting inside a surrogate pair. */
export function clip(value: string, max = 256): string {
  if (value.length <= max) return value;
  const cut = Array.from(value.slice(0, max)).join('');
  return cut.length > max ? cut.slice(0, max - 1) : cut;
}

/** Strips a UTF-8 BOM and surrounding whitespace. */
export function cleanOutput(text: string): string {
  return text.replace(/^\uFEFF/, '').trim();
}
