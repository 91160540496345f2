/**
 * Decodes a tool's output. Windows tools that write UTF-16LE (wmic, regedit exports, some PowerShell
 * hosts) start with a byte-order mark; it is dropped so parsers see clean text.
 */
export function decodeOutput(bytes: Buffer, encoding: 'utf8' | 'utf16le'): string {
  if (encoding === 'utf16le') {
    const start = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe ? 2 : 0;
    // An odd trailing byte cannot be a UTF-16 code unit (truncated output); drop it.
    const end = start + Math.floor((bytes.length - start) / 2) * 2;
    return bytes.subarray(start, end).toString('utf16le');
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.subarray(start).toString('utf8');
}

/** Decodes a file whose encoding is announced only by its BOM (UTF-16LE, UTF-16BE or UTF-8). */
export function decodeByBom(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeOutput(bytes, 'utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + Math.floor((bytes.length - 2) / 2) * 2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return decodeOutput(bytes, 'utf8');
}
