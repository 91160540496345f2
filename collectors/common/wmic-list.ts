/**
 * Parses `wmic <class> get /format:list` output (Key=Value lines, a blank line between instances) into
 * the same property bags Get-CimInstance | ConvertTo-Json gives, so one parser reads both. Older
 * Windows without a usable PowerShell and exported captures use this form.
 */
export function parseWmicList(text: string): Record<string, string>[] {
  const instances: Record<string, string>[] = [];
  let current: Record<string, string> = {};
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (line === '') {
      if (Object.keys(current).length > 0) instances.push(current);
      current = {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq);
    // A repeated key starts a new instance even without a blank line in between.
    if (key in current) {
      instances.push(current);
      current = {};
    }
    current[key] = line.slice(eq + 1);
  }
  if (Object.keys(current).length > 0) instances.push(current);
  return instances;
}

/** wmic prints arrays as {"a","b"} or {1,2}. */
export function parseWmicArray(value: string | undefined): string[] {
  if (!value) return [];
  const inner = /^\{(.*)\}$/.exec(value.trim())?.[1];
  if (inner === undefined) return [value];
  return inner
    .split(',')
    .map((part) => part.trim().replace(/^"(.*)"$/, '$1'))
    .filter((part) => part !== '');
}
