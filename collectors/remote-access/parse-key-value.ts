/**
 * The value of one `key=value` / `key = 'value'` line in a config file, read line by line so nothing
 * but the asked-for key is ever looked at: these files keep password hashes, salts and keys on other
 * lines. Quotes TOML puts around strings are removed. Null when the key is absent or empty.
 */
export function configValue(text: string, key: string, options: { readonly section?: string } = {}): string | null {
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      section = (header[1] ?? '').trim();
      continue;
    }
    if (options.section !== undefined && section !== options.section) continue;
    const eq = line.indexOf('=');
    if (eq <= 0 || line.slice(0, eq).trim() !== key) continue;
    const value = unquote(line.slice(eq + 1).trim());
    return value === '' ? null : value;
  }
  return null;
}

function unquote(value: string): string {
  const quoted = /^'([^']*)'$/.exec(value) ?? /^"((?:[^"\\]|\\.)*)"$/.exec(value);
  return quoted ? (quoted[1] ?? '') : value;
}
