import type { TrayHealth } from '@deskside/shared';

/** Status colours, chosen to stay distinguishable for the common colour-vision deficiencies. */
export const HEALTH_COLOURS: Readonly<Record<TrayHealth, readonly [number, number, number]>> = {
  ok: [0x1a, 0x7f, 0x37],
  attention: [0xd9, 0x8e, 0x04],
  offline: [0xb4, 0x23, 0x18],
};

/**
 * A round status badge as raw BGRA pixels (what nativeImage.createFromBitmap takes): a filled disc in
 * the status colour with a light ring, antialiased at the edge. Drawn, not shipped, so every size and
 * scale factor is crisp and the colour is testable.
 */
export function statusIconBitmap(health: TrayHealth, size: number): Buffer {
  const [r, g, b] = HEALTH_COLOURS[health];
  const buf = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  const outer = size / 2 - 0.5;
  const ring = outer - Math.max(1, size / 16);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const alpha = Math.max(0, Math.min(1, outer - d + 0.5));
      const inRing = d > ring;
      const i = (y * size + x) * 4;
      buf[i] = inRing ? 0xff : b;
      buf[i + 1] = inRing ? 0xff : g;
      buf[i + 2] = inRing ? 0xff : r;
      buf[i + 3] = Math.round(alpha * 255);
    }
  }
  return buf;
}
