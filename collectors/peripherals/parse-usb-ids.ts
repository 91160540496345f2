/**
 * Looks up names in the usb.ids database (linux-usb.org; shipped by usbutils/hwdata). Only the
 * requested vendors are kept, so a 700 KB file costs one pass and little memory.
 */
export function lookupUsbIds(text: string, wanted: ReadonlySet<string>): Map<string, { vendor: string; products: Map<string, string> }> {
  const found = new Map<string, { vendor: string; products: Map<string, string> }>();
  let current: { vendor: string; products: Map<string, string> } | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    // The vendor list ends where the class list ("C 00  ...") begins.
    if (/^C /.test(line)) break;
    const vendor = /^([0-9a-f]{4})\s+(.+)$/.exec(line);
    if (vendor?.[1] && vendor[2]) {
      current = wanted.has(vendor[1]) ? { vendor: vendor[2].trim(), products: new Map() } : null;
      if (current) found.set(vendor[1], current);
      continue;
    }
    const product = current ? /^\t([0-9a-f]{4})\s+(.+)$/.exec(line) : null;
    if (current && product?.[1] && product[2]) current.products.set(product[1], product[2].trim());
  }
  return found;
}
