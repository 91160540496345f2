#!/usr/bin/env node
// Draws Deskside's application icon and tray icons as PNG files, without any image tool: shapes are
// signed-distance functions sampled 4×4 per pixel (anti-aliasing), encoded with node:zlib.
// Usage: node scripts/make-icons.mjs [--check]
//   --check  exits 1 when a committed icon differs from what this script draws (CI drift guard).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Tray status colours, the same as the tray app's HEALTH_COLOURS (main/tray/tray-icon.ts; a test compares). */
export const TRAY_STATUSES = {
  ok: [0x1a, 0x7f, 0x37],
  attention: [0xd9, 0x8e, 0x04],
  offline: [0xb4, 0x23, 0x18],
};
const BRAND = [0x1f, 0x6f, 0xeb];
const BRAND_DARK = [0x15, 0x4f, 0xb0];
const WHITE = [0xff, 0xff, 0xff];
const INK = [0x24, 0x29, 0x2f];

// --- signed distance functions (negative inside), coordinates in a 0..1 unit square ---
const roundedBox = (px, py, cx, cy, hw, hh, r) => {
  const qx = Math.abs(px - cx) - hw + r;
  const qy = Math.abs(py - cy) - hh + r;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (px, py, cx, cy, r) => Math.hypot(px - cx, py - cy) - r;
const ring = (d, width) => Math.abs(d) - width / 2;
const segment = (px, py, ax, ay, bx, by, width) => {
  const h = Math.min(1, Math.max(0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - ax - (bx - ax) * h, py - ay - (by - ay) * h) - width / 2;
};
const union = (...ds) => Math.min(...ds);
const cut = (a, b) => Math.max(a, -b);

/** The monitor glyph: a screen outline, a neck and a foot. Scaled into the box (x0, y0, size). */
function monitor(px, py, x0, y0, size, stroke) {
  const u = (px - x0) / size;
  const v = (py - y0) / size;
  const screen = ring(roundedBox(u, v, 0.5, 0.4, 0.42, 0.3, 0.07), stroke / size);
  const neck = roundedBox(u, v, 0.5, 0.77, 0.06, 0.08, 0.01);
  const foot = roundedBox(u, v, 0.5, 0.86, 0.22, stroke / size / 2 + 0.01, 0.03);
  return union(screen, neck, foot) * size;
}

/** Rasterises layers (each: [sdf(px, py), rgb]) painted in order onto a transparent canvas. */
function render(size, layers) {
  const ss = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const px = (x + (sx + 0.5) / ss) / size;
          const py = (y + (sy + 0.5) / ss) / size;
          // Composite the layers for this sample ("over" operator on opaque layers).
          let cr = 0;
          let cg = 0;
          let cb = 0;
          let ca = 0;
          for (const [sdf, colour] of layers) {
            if (sdf(px, py) <= 0) {
              const c = typeof colour === 'function' ? colour(px, py) : colour;
              [cr, cg, cb] = c;
              ca = 1;
            }
          }
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (y * size + x) * 4;
      const n = ss * ss;
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round((a / n) * 255);
    }
  }
  return rgba;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes 8-bit RGBA pixels as a PNG (colour type 6, no interlace, filter 0 on every row). */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function appIcon(size) {
  // macOS wants the artwork inside ~80 % of the canvas; Windows and Linux scale the same file.
  const gradient = (_px, py) => BRAND.map((c, i) => Math.round(c + (BRAND_DARK[i] - c) * py));
  const plate = (px, py) => roundedBox(px, py, 0.5, 0.5, 0.41, 0.41, 0.09);
  const glyph = (px, py) => monitor(px, py, 0.24, 0.22, 0.52, 0.045);
  // A check mark on the screen: "your machine is looked after".
  const check = (px, py) =>
    union(segment(px, py, 0.415, 0.41, 0.48, 0.475, 0.045), segment(px, py, 0.48, 0.475, 0.6, 0.345, 0.045));
  return render(size, [
    [plate, gradient],
    [glyph, WHITE],
    [check, WHITE],
  ]);
}

function trayIcon(size, rgb) {
  // Small sizes need a thicker stroke to stay legible at 16 px.
  const stroke = size <= 16 ? 0.11 : 0.085;
  const glyph = (px, py) => monitor(px, py, 0.0, 0.02, 0.86, stroke);
  const dotOutline = (px, py) => circle(px, py, 0.74, 0.72, 0.26);
  const dot = (px, py) => circle(px, py, 0.74, 0.72, 0.19);
  return render(size, [
    [(px, py) => cut(glyph(px, py), dotOutline(px, py)), INK],
    [dot, rgb],
  ]);
}

/** Every icon file this script owns, relative to the repository root. */
export function iconFiles() {
  const files = [['build/icon.png', () => encodePng(1024, appIcon(1024))]];
  for (const [status, rgb] of Object.entries(TRAY_STATUSES)) {
    for (const base of [16, 32]) {
      files.push([`build/tray/tray-${status}-${base}.png`, () => encodePng(base, trayIcon(base, rgb))]);
      files.push([`build/tray/tray-${status}-${base}@2x.png`, () => encodePng(base * 2, trayIcon(base * 2, rgb))]);
    }
  }
  return files;
}

function main() {
  const check = process.argv.includes('--check');
  let drift = 0;
  for (const [relative, draw] of iconFiles()) {
    const file = join(root, relative);
    const png = draw();
    if (check) {
      if (!existsSync(file) || !readFileSync(file).equals(png)) {
        console.error(`${relative} differs from what scripts/make-icons.mjs draws`);
        drift++;
      }
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, png);
    console.log(`${relative} (${png.length} bytes)`);
  }
  if (drift > 0) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
