/**
 * Reads a monitor's EDID (VESA E-EDID 1.3/1.4 base block, 128 bytes), as Linux exposes it in
 * /sys/class/drm/<card>-<connector>/edid without root and without a display server.
 */
export interface EdidInfo {
  /** Three-letter PNP manufacturer ID ("DEL", "GSM"). */
  readonly manufacturerId: string;
  readonly productCode: string;
  readonly name: string | null;
  readonly serial: string | null;
  readonly widthCm: number | null;
  readonly heightCm: number | null;
  /** The preferred (native) mode from the first detailed timing descriptor. */
  readonly preferredWidthPx: number | null;
  readonly preferredHeightPx: number | null;
}

const HEADER = [0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00];

export function parseEdid(bytes: Buffer): EdidInfo {
  if (bytes.length < 128) throw new Error(`EDID too short: ${bytes.length} bytes`);
  if (!HEADER.every((b, i) => bytes[i] === b)) throw new Error('not an EDID block (bad header)');
  const sum = bytes.subarray(0, 128).reduce((a, b) => (a + b) & 0xff, 0);
  if (sum !== 0) throw new Error('EDID checksum mismatch');

  const id = bytes.readUInt16BE(8);
  const letter = (shift: number): string => String.fromCharCode(((id >> shift) & 0x1f) + 64);
  const manufacturerId = letter(10) + letter(5) + letter(0);
  const productCode = bytes.readUInt16LE(10).toString(16).toUpperCase().padStart(4, '0');
  const serialNumber = bytes.readUInt32LE(12);

  let name: string | null = null;
  let serialText: string | null = null;
  let preferredWidthPx: number | null = null;
  let preferredHeightPx: number | null = null;
  for (let offset = 54; offset <= 108; offset += 18) {
    const block = bytes.subarray(offset, offset + 18);
    const pixelClock = block.readUInt16LE(0);
    if (pixelClock !== 0) {
      // Detailed timing: horizontal/vertical active pixels are 12-bit values split across bytes.
      if (preferredWidthPx === null) {
        preferredWidthPx = (block[2] ?? 0) | (((block[4] ?? 0) & 0xf0) << 4);
        preferredHeightPx = (block[5] ?? 0) | (((block[7] ?? 0) & 0xf0) << 4);
      }
      continue;
    }
    const text = (): string | null =>
      block
        .subarray(5, 18)
        .toString('latin1')
        .replace(/\n[\s\S]*$/, '')
        .trim() || null;
    if (block[3] === 0xfc) name = text();
    if (block[3] === 0xff) serialText = text();
  }
  const widthCm = bytes[21] ?? 0;
  const heightCm = bytes[22] ?? 0;
  return {
    manufacturerId,
    productCode,
    name,
    serial: serialText ?? (serialNumber !== 0 && serialNumber !== 0x01010101 ? String(serialNumber) : null),
    widthCm: widthCm > 0 && heightCm > 0 ? widthCm : null,
    heightCm: widthCm > 0 && heightCm > 0 ? heightCm : null,
    preferredWidthPx: preferredWidthPx || null,
    preferredHeightPx: preferredHeightPx || null,
  };
}

/** DRM connector names ("eDP-1", "HDMI-A-2", "DP-3") → connection label and whether it is built in. */
export function drmConnection(connector: string): { connection: string; builtin: boolean } {
  const kind = connector.replace(/-\d+$/, '');
  switch (kind) {
    case 'eDP':
    case 'LVDS':
    case 'DSI':
      return { connection: kind, builtin: true };
    case 'HDMI-A':
    case 'HDMI-B':
      return { connection: 'HDMI', builtin: false };
    case 'DP':
      return { connection: 'DisplayPort', builtin: false };
    case 'DVI-D':
    case 'DVI-I':
      return { connection: 'DVI', builtin: false };
    case 'VGA':
      return { connection: 'VGA', builtin: false };
    default:
      return { connection: kind, builtin: false };
  }
}
