import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { HEALTH_COLOURS } from '../../main/tray/tray-icon.js';
import { readBuilderConfig, repoPath } from './template-files.js';

/** Width, height, bit depth and colour type from a PNG's IHDR, after checking the signature. */
function pngHeader(file: string): { width: number; height: number; depth: number; colour: number; idat: Buffer } {
  const png = readFileSync(repoPath(file));
  expect(png.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('latin1'), file).toBe('IHDR');
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('latin1') === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), depth: png[24]!, colour: png[25]!, idat: inflateSync(Buffer.concat(chunks)) };
}

/** Alpha of every pixel (RGBA, filter 0 rows as make-icons writes them). */
function alphas(file: string): number[] {
  const { width, height, idat } = pngHeader(file);
  const out: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.push(idat[y * (width * 4 + 1) + 1 + x * 4 + 3]!);
  return out;
}

describe('icons', () => {
  it('the application icon is a 1024×1024 RGBA PNG with transparent corners (macOS needs 1024)', () => {
    expect(pngHeader('build/icon.png')).toMatchObject({ width: 1024, height: 1024, depth: 8, colour: 6 });
    const a = alphas('build/icon.png');
    expect(a[0]).toBe(0);
    expect(a[512 * 1024 + 512]).toBe(255);
    const config = readBuilderConfig() as unknown as { win: { icon: string }; mac: { icon: string }; linux: { icon: string } };
    expect([config.win.icon, config.mac.icon, config.linux.icon]).toEqual(['build/icon.png', 'build/icon.png', 'build/icon.png']);
  });

  it.each(['ok', 'attention', 'offline'])('the %s tray icon exists at 16 and 32 px and at @2x', (status) => {
    for (const [suffix, size] of [['16', 16], ['16@2x', 32], ['32', 32], ['32@2x', 64]] as const) {
      const file = `build/tray/tray-${status}-${suffix}.png`;
      expect(pngHeader(file), file).toMatchObject({ width: size, height: size, colour: 6 });
      const a = alphas(file);
      expect(a.some((v) => v === 0) && a.some((v) => v === 255), `${file} has a shape on a transparent ground`).toBe(true);
    }
  });

  it.each(['ok', 'attention', 'offline'] as const)('the %s status dot has the tray app\'s colour for that status', (status) => {
    const { idat } = pngHeader(`build/tray/tray-${status}-32@2x.png`);
    const at = Math.round(0.72 * 64) * (64 * 4 + 1) + 1 + Math.round(0.74 * 64) * 4;
    expect([...idat.subarray(at, at + 3)]).toEqual([...HEALTH_COLOURS[status]]);
  });

  it('the committed icons are exactly what scripts/make-icons.mjs draws', () => {
    execFileSync(process.execPath, [repoPath('scripts/make-icons.mjs'), '--check'], { stdio: 'pipe' });
  }, 60_000);
});
