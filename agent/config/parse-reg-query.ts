/**
 * Parse `reg query <key>` output (all values of one key), as printed by reg.exe on every Windows
 * version since XP:
 *
 *     HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Deskside
 *         ServerUrl    REG_SZ    https://deskside.corp.example
 *         InventoryIntervalHours    REG_DWORD    0x18
 *         DisabledCategories    REG_MULTI_SZ    software\0peripherals
 *
 * Value names are matched case-insensitively to setting keys by the caller. Subkeys are ignored.
 */
export function parseRegQuery(output: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const line = /^ {4}(.+?) {4}(REG_SZ|REG_EXPAND_SZ|REG_DWORD|REG_QWORD|REG_MULTI_SZ|REG_BINARY|REG_NONE)(?: {4}(.*))?$/;
  for (const raw of output.split(/\r?\n/)) {
    const m = line.exec(raw);
    if (!m) continue;
    const [, name = '', type, data = ''] = m;
    switch (type) {
      case 'REG_DWORD':
      case 'REG_QWORD':
        values[name] = Number.parseInt(data, 16);
        break;
      case 'REG_MULTI_SZ':
        values[name] = data === '' ? [] : data.split('\\0').filter((s) => s !== '');
        break;
      case 'REG_SZ':
      case 'REG_EXPAND_SZ':
        values[name] = data;
        break;
      default:
        // binary and typeless values are not settings; keep them visible so validation names them
        values[name] = data;
    }
  }
  return values;
}
