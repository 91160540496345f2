/** USB base classes (usb.org "Defined Class Codes") a technician recognizes. */
export function usbClassName(code: number | null): string | null {
  const names: Record<number, string> = {
    0x01: 'audio',
    0x02: 'communications',
    0x03: 'hid',
    0x05: 'physical',
    0x06: 'image',
    0x07: 'printer',
    0x08: 'mass-storage',
    0x09: 'hub',
    0x0a: 'cdc-data',
    0x0b: 'smart-card',
    0x0d: 'content-security',
    0x0e: 'video',
    0x0f: 'healthcare',
    0x10: 'audio-video',
    0x11: 'billboard',
    0xdc: 'diagnostic',
    0xe0: 'wireless',
    0xef: 'miscellaneous',
    0xfe: 'application-specific',
    0xff: 'vendor-specific',
  };
  return code === null ? null : (names[code] ?? null);
}

/** "0x05ac (Apple Inc.)" / "05ac" / 1452 → "05ac". */
export function usbId(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff) return value.toString(16).padStart(4, '0');
  if (typeof value !== 'string') return null;
  // system_profiler writes Apple's own devices as "apple_vendor_id" instead of 0x05ac.
  if (value.trim() === 'apple_vendor_id') return '05ac';
  const m = /^(?:0x)?([0-9a-f]{1,4})\b/i.exec(value.trim());
  return m?.[1] ? m[1].toLowerCase().padStart(4, '0') : null;
}
