import { SystemDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { parseWindowsSystem } from '../../../collectors/system/parse-windows.js';
import { readJsonFixture } from '../fake-system.js';

const now = new Date('2026-11-29T08:00:00.000Z');
const cases = ['cim-win11-pro-fr-domain', 'cim-win10-de-hyperv-workgroup', 'cim-win11-zh-cn-ps51-dates', 'cim-partial-access-denied'];

describe('parseWindowsSystem', () => {
  for (const name of cases) {
    it(`parses ${name} as expected`, () => {
      const parts = readJsonFixture<Record<string, unknown>>(`windows/system/${name}.json`);
      const data = parseWindowsSystem({ parts, now, timezone: 'Europe/Paris' });
      expect(data).toEqual(readJsonFixture(`windows/system/${name}.expected.json`));
      expect(SystemDataSchema.safeParse(data).success).toBe(true);
    });
  }

  it('keeps a Windows 11 name when only the registry (which still says 10) is readable', () => {
    const data = parseWindowsSystem({
      parts: { cs: { Name: 'PC1' }, cv: { ProductName: 'Windows 10 Enterprise', CurrentBuild: '22631', UBR: 1 } },
      now,
      timezone: null,
    });
    expect(data.os.name).toBe('Windows 11 Enterprise');
    expect(data.os.build).toBe('22631.1');
  });

  it('refuses output with no computer name rather than inventing one', () => {
    expect(() => parseWindowsSystem({ parts: {}, now, timezone: null })).toThrow(/no computer name/);
  });

  it('reads wmic-style CIM datetimes with their minute offset', () => {
    const data = parseWindowsSystem({ parts: { cs: { Name: 'PC1' }, os: { LastBootUpTime: '20261129083000.500000+060' } }, now, timezone: null });
    expect(data.bootTime).toBe('2026-11-29T07:30:00.000Z');
    expect(data.uptimeSeconds).toBe(1800);
  });
});
