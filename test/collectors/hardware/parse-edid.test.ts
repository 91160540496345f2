import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { hardwareCollector } from '../../../collectors/hardware/index.js';
import { drmConnection, parseEdid } from '../../../collectors/hardware/parse-edid.js';
import { parseLinuxHardware, type LinuxHardwareInput } from '../../../collectors/hardware/parse-linux.js';
import { createFakeSystem, FIXTURES_DIR, readJsonFixture } from '../fake-system.js';

const edid = (name: string): Buffer => readFileSync(join(FIXTURES_DIR, 'linux/hardware', name));

describe('parseEdid', () => {
  it('reads an external monitor: maker, name and serial descriptors, size and native mode', () => {
    expect(parseEdid(edid('edid-dell-p2723qe.bin'))).toEqual({
      manufacturerId: 'DEL',
      productCode: 'A1F4',
      name: 'DELL P2723QE',
      serial: '7X9KLM3',
      widthCm: 60,
      heightCm: 34,
      preferredWidthPx: 3840,
      preferredHeightPx: 2160,
    });
  });

  it('reads a laptop panel without name or serial', () => {
    expect(parseEdid(edid('edid-auo-panel.bin'))).toEqual({
      manufacturerId: 'AUO',
      productCode: '45A3',
      name: null,
      serial: null,
      widthCm: 30,
      heightCm: 19,
      preferredWidthPx: 1920,
      preferredHeightPx: 1200,
    });
  });

  it('rejects short, headerless and corrupted blocks', () => {
    expect(() => parseEdid(Buffer.alloc(0))).toThrow(/too short/);
    expect(() => parseEdid(Buffer.alloc(128))).toThrow(/bad header/);
    expect(() => parseEdid(edid('edid-bad-checksum.bin'))).toThrow(/checksum/);
  });

  it('names DRM connectors', () => {
    expect(drmConnection('eDP-1')).toEqual({ connection: 'eDP', builtin: true });
    expect(drmConnection('HDMI-A-2')).toEqual({ connection: 'HDMI', builtin: false });
    expect(drmConnection('DP-3')).toEqual({ connection: 'DisplayPort', builtin: false });
  });
});

describe('Linux displays from /sys/class/drm', () => {
  it('lists connected monitors without a display server, taking the current mode from systeminformation when it has one', () => {
    const input = readJsonFixture<LinuxHardwareInput>('linux/hardware/si-thinkpad-t14.json');
    const data = parseLinuxHardware({
      ...input,
      drmDisplays: [
        { connector: 'eDP-1', edid: parseEdid(edid('edid-auo-panel.bin')) },
        { connector: 'DP-3', edid: parseEdid(edid('edid-dell-p2723qe.bin')) },
      ],
    });
    expect(data.displays).toEqual([
      { model: '45A3', vendor: 'AU Optronics', serial: null, widthPx: 1920, heightPx: 1200, sizeInches: 14, connection: 'eDP', builtin: true, main: true },
      { model: 'DELL P2723QE', vendor: 'Dell', serial: '7X9KLM3', widthPx: 3840, heightPx: 2160, sizeInches: 27.2, connection: 'DisplayPort', builtin: false, main: null },
    ]);
  });

  it('skips disconnected connectors and corrupt EDIDs through the collector', async () => {
    const system = createFakeSystem({
      directories: { '/sys/class/drm': ['card0', 'card0-eDP-1', 'card0-HDMI-A-1', 'card0-DP-1', 'version'] },
      files: {
        '/sys/class/drm/card0-eDP-1/status': { stdout: 'connected\n' },
        '/sys/class/drm/card0-eDP-1/edid': 'linux/hardware/edid-auo-panel.bin',
        '/sys/class/drm/card0-HDMI-A-1/status': { stdout: 'disconnected\n' },
        '/sys/class/drm/card0-DP-1/status': { stdout: 'connected\n' },
        '/sys/class/drm/card0-DP-1/edid': 'linux/hardware/edid-bad-checksum.bin',
      },
    });
    const data = await hardwareCollector.collect({ platform: 'linux', system, signal: new AbortController().signal, now: () => new Date(), backupStaleDays: 7 });
    expect(data.displays.map((d) => [d.vendor, d.connection])).toEqual([['AU Optronics', 'eDP']]);
    expect(system.calls.some((c) => c.target === '/sys/class/drm/card0-HDMI-A-1/edid')).toBe(false);
  });
});
